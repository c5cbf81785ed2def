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

export const test = base.extend<{ problems: string[] }>({
  problems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await use(problems);
  },
});

/** Opens `path` and waits until the app has rendered its heading. */
export async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('#main h1')).toBeVisible();
}

export { expect };
