// Shared helpers: a page that fails the test on any console error or
// Content-Security-Policy violation, and the portal's routes.
import { test as base, expect, Page } from '@playwright/test';

export const routes = [
  { path: '/', heading: '安全生产，人人有责' },
  { path: '/enforcement', heading: '执法信息公开' },
  { path: '/report', heading: '举报安全生产事故隐患' },
  { path: '/education', heading: '安全宣传教育' },
  { path: '/blacklist', heading: '黑名单查询' },
  { path: '/no/such/page', heading: '页面未找到' },
];

/**
 * Waits until the browser app has taken over a page the server rendered
 * (`<html data-app="ready">`): before that the page is readable but its
 * buttons do nothing and what is typed would be drawn over.
 */
export async function appReady(page: Page) {
  await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
}

export const test = base.extend<{ problems: string[] }>({
  // Every load of an app page waits for the app, as a person would wait
  // for the page to answer.
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    const settle = async (response: Awaited<ReturnType<Page['goto']>>) => {
      const type = response?.headers()['content-type'] ?? '';
      if (type.startsWith('text/html') && !new URL(page.url()).pathname.startsWith('/api/')) {
        await appReady(page);
      }
      return response;
    };
    page.goto = async (url, options) => settle(await goto(url, options));
    page.reload = async (options) => settle(await reload(options));
    await use(page);
  },
  problems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await use(problems);
  },
});

/** Opens `path` and waits until the app has taken it over, with its heading. */
export async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('#main h1')).toBeVisible();
}

export { expect };
