import { readFileSync } from 'node:fs';
import { test, expect, open } from './fixtures';
import type { Page } from '@playwright/test';

const countOf = async (page: Page) => {
  const text = await page.getByTestId('result-count').innerText();
  return Number(text.replace(/[^\d]/g, ''));
};

async function searchFor(page: Page, words: string) {
  await page.getByLabel('搜索处罚决定').fill(words);
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(words)}`));
  // The previous results stay, marked stale, until the new ones arrive.
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-q', words);
}

/** Opens the filters on a phone, where they start folded. */
async function showFilters(page: Page) {
  const details = page.locator('details.filters');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator('summary').click();
  }
}

test('a two-character word finds decisions, which narrow by district and year', async ({ page, problems }) => {
  await open(page, '/enforcement');
  await page.getByRole('link', { name: '行政处罚决定' }).click();
  await expect(page.locator('#main h1')).toHaveText('行政处罚决定');
  await searchFor(page, '培训');
  const all = await countOf(page);
  expect(all).toBeGreaterThan(0);

  await showFilters(page);
  const district = page.getByTestId('facet-district').getByRole('checkbox').first();
  await district.check();
  await expect(page).toHaveURL(/district=/);
  await expect.poll(() => countOf(page)).toBeLessThan(all);
  const byDistrict = await countOf(page);

  await showFilters(page);
  await page.getByTestId('facet-year').getByRole('checkbox').first().check();
  await expect(page).toHaveURL(/year=\d{4}/);
  await expect.poll(() => countOf(page)).toBeLessThanOrEqual(byDistrict);

  const first = page.getByTestId('result-list').getByRole('link').first();
  const party = await first.innerText();
  await first.click();
  await expect(page).toHaveURL(/\/enforcement\/decisions\/\d+$/);
  await expect(page.locator('#main h1')).toHaveText(party);
  await expect(page.getByTestId('decision-fields')).toContainText('处罚依据');
  await expect(page.getByTestId('decision-fields')).toContainText('统一社会信用代码');
  // "Back to the list" returns to the same search, not the plain list.
  await page.getByTestId('back-to-list').click();
  await expect(page).toHaveURL(/district=/);
  await expect(page).toHaveURL(/year=\d{4}/);
  await expect.poll(() => countOf(page)).toBeLessThanOrEqual(byDistrict);
  expect(problems).toEqual([]);
});

test('ticking a filter further down keeps the page where it was', async ({ page }) => {
  await open(page, '/enforcement/decisions');
  await showFilters(page);
  const year = page.getByTestId('facet-year').getByRole('checkbox').first();
  await year.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 200));
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(0);
  await year.check();
  await expect(page).toHaveURL(/year=\d{4}/);
  await expect(page.getByTestId('result-count')).toBeVisible();
  await expect(year).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(before / 2);
});

test('back, forward and reload restore a search exactly', async ({ page }) => {
  await open(page, '/enforcement/decisions');
  await searchFor(page, '隐患');
  const words = await countOf(page);
  await showFilters(page);
  await page.getByTestId('facet-industry').getByRole('checkbox').first().check();
  await expect(page).toHaveURL(/industry=/);
  await expect.poll(() => countOf(page)).toBeLessThan(words);
  const narrowed = await countOf(page);
  const address = page.url();

  await page.reload();
  await expect.poll(() => countOf(page)).toBe(narrowed);
  await expect(page.getByLabel('搜索处罚决定')).toHaveValue('隐患');
  await showFilters(page);
  await expect(page.getByTestId('facet-industry').getByRole('checkbox').first()).toBeChecked();

  await page.goBack();
  await expect.poll(() => countOf(page)).toBe(words);
  await page.goForward();
  await expect(page).toHaveURL(address);
  await expect.poll(() => countOf(page)).toBe(narrowed);
});

test('a shared address opens the same search in a new tab', async ({ page, context }) => {
  await open(page, '/enforcement/decisions?q=%E5%9F%B9%E8%AE%AD&sort=fine_desc&page=2');
  const count = await countOf(page);
  const firstOnPage = await page.getByTestId('result-list').getByRole('link').first().innerText();
  const other = await context.newPage();
  await other.goto(page.url());
  await expect.poll(() => countOf(other)).toBe(count);
  await expect(other.getByTestId('result-list').getByRole('link').first()).toHaveText(firstOnPage);
  await expect(other.getByTestId('sort')).toHaveValue('fine_desc');
  await expect(other.getByTestId('pagination').locator('[aria-current="page"]')).toHaveText('2');
});

test('a decision pasted into a new tab lands on the same page, and prints on A4', async ({ page, context }) => {
  await open(page, '/enforcement/decisions');
  await page.getByTestId('result-list').getByRole('link').first().click();
  await expect(page.getByTestId('decision-fields')).toBeVisible();
  const title = await page.locator('#main h1').innerText();
  const permalink = await page.getByTestId('permalink').innerText();
  expect(permalink).toBe(page.url());

  const tab = await context.newPage();
  await tab.goto(permalink);
  await expect(tab.locator('#main h1')).toHaveText(title);
  await expect(tab).toHaveTitle(`${title} - 济南市安全生产公众服务平台`);

  await tab.emulateMedia({ media: 'print' });
  await expect(tab.getByRole('navigation', { name: '主导航' })).toBeHidden();
  await expect(tab.getByTestId('print')).toBeHidden();
  await expect(tab.getByTestId('decision-fields')).toBeVisible();
  const pdf = await tab.pdf({ preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(3);
});

test('the exported CSV reads back with the same decisions', async ({ page }) => {
  await open(page, '/enforcement/decisions');
  await searchFor(page, '粉尘');
  const count = await countOf(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^penalty-decisions-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).split('\r\n').filter((l) => l.startsWith('济'));
  expect(text).toContain('行政处罚决定书文号');
  expect(lines.length).toBe(count);
});

test('a decision number typed exactly opens its record', async ({ page }) => {
  await open(page, '/enforcement/decisions');
  await page.getByTestId('result-list').getByRole('link').nth(2).click();
  const number = await page.getByTestId('decision-number').innerText();
  const url = page.url();
  await open(page, '/enforcement/decisions');
  await page.getByLabel('搜索处罚决定').fill(number.replace('〔', '[').replace('〕', ']'));
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await expect(page).toHaveURL(url);
  await expect(page.getByTestId('decision-number')).toHaveText(number);
});

test('a decision past its disclosure deadline explains that it is no longer public', async ({ page, request }) => {
  let gone = 0;
  for (let id = 1; id <= 200 && gone === 0; id++) {
    if ((await request.get(`/api/decisions/${id}`)).status() === 410) gone = id;
  }
  expect(gone).toBeGreaterThan(0);
  await page.goto(`/enforcement/decisions/${gone}`);
  await expect(page.getByTestId('decision-gone')).toHaveText('公示期已满');
  await page.getByRole('link', { name: '返回处罚决定列表' }).click();
  await expect(page).toHaveURL('/enforcement/decisions');
});

test('a failed search offers a retry that works', async ({ page }) => {
  // The page arrives with its results; the next search is the app's own.
  await open(page, '/enforcement/decisions');
  let calls = 0;
  await page.route('**/api/decisions?**', async (route) => {
    calls += 1;
    if (calls === 1) await route.abort('internetdisconnected');
    else await route.continue();
  });
  await page.getByLabel('搜索处罚决定').fill('培训');
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await page.getByTestId('error-notice').getByRole('button', { name: '重试' }).click();
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-q', '培训');
  expect(calls).toBe(2);
});

test('a link with an invalid search says what is wrong', async ({ page }) => {
  await page.goto('/enforcement/decisions?page_size=1000&district=atlantis');
  const notice = page.getByTestId('invalid-link');
  await expect(notice).toContainText('page_size');
  await expect(notice).toContainText('district');
  await notice.getByRole('link', { name: '清除全部条件' }).click();
  await expect(page.getByTestId('result-count')).toBeVisible();
});
