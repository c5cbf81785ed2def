// The rest of enforcement information as a member of the public meets it:
// typical cases and the decisions behind them, major hazards under listed
// supervision and the overdue filter, accident reports with their history
// and assessment, and the statistics as charts, tables and CSV.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, open } from './fixtures';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function violations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

test('a typical case leads to the decision behind it', async ({ page, problems }) => {
  await open(page, '/enforcement');
  await page.getByRole('link', { name: '典型案例曝光' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('典型案例曝光');
  await page.getByTestId('case-industry').selectOption('metallurgy');
  await page.getByTestId('case-filter').click();
  await expect(page).toHaveURL(/industry=metallurgy/);
  // The filtered list has replaced the whole one (a case published meanwhile
  // by another test may head the whole list).
  await expect(page.getByTestId('case-list').locator('li').first()).toContainText('金属冶炼');
  const first = page.getByTestId('case-list').getByRole('link').first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page.getByTestId('case-page').locator('h1')).toBeVisible();
  await expect(page.getByText('金属冶炼').first()).toBeVisible();
  const decision = page.getByTestId('case-decisions').getByRole('link').first();
  const number = (await decision.textContent())?.trim() ?? '';
  expect(number).toMatch(/罚〔\d{4}〕\d+号$/);
  await decision.click();
  await expect(page.getByTestId('decision-number')).toHaveText(number);
  expect(problems).toEqual([]);
});

test('a typical case links to the education page on the rule broken', async ({ page }) => {
  await open(page, '/enforcement/cases');
  await page.getByTestId('case-list').getByRole('link').first().click();
  const learn = page.getByTestId('case-learn').getByRole('link').first();
  await expect(learn).toBeVisible();
  await learn.click();
  await expect(page).toHaveURL(/\/education\/provision\?/);
  await expect(page.locator('#main h1')).toContainText('《');
});

test('the overdue filter shows only listings still open past their deadline', async ({ page, problems }) => {
  await open(page, '/enforcement/listings');
  const all = Number((await page.getByTestId('listing-count').textContent())?.match(/\d+/)?.[0]);
  await page.getByTestId('overdue-only').check();
  await page.getByTestId('listing-filter').click();
  await expect(page).toHaveURL(/overdue=true/);
  await expect(page.getByTestId('overdue-only')).toBeChecked();
  // Wait for the filtered list to replace the whole one.
  const total = async () => Number((await page.getByTestId('listing-count').textContent())?.match(/\d+/)?.[0]);
  await expect.poll(total).toBeLessThan(all);
  const items = page.getByTestId('listing-list').locator('li');
  await expect(items).toHaveCount(Math.min(await total(), 20));
  const count = await items.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(items.nth(i).getByTestId('overdue')).toHaveText('逾期未整改');
    await expect(items.nth(i).getByTestId('listing-status')).toHaveText(/挂牌督办|整改中/);
  }
  await page.reload();
  await expect(page.getByTestId('overdue-only')).toBeChecked();
  await expect(items).toHaveCount(count);
  expect(problems).toEqual([]);
});

test('a listing shows its steps and leads to its enterprise, which lists it', async ({ page }) => {
  await open(page, '/enforcement/listings?status=delisted');
  await page.getByTestId('listing-list').getByRole('link').first().click();
  const steps = page.getByTestId('listing-steps').locator('li');
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(0)).toContainText('挂牌督办');
  await expect(steps.nth(3)).toContainText('已摘牌');
  const hazard = (await page.locator('#main h1').textContent())?.trim() ?? '';
  await page.getByTestId('listing-fields').getByRole('link').click();
  await expect(page.getByTestId('enterprise-hazard-listings')).toContainText(hazard);
});

test('an accident report reads by chapter, with its assessment and its history', async ({ page, problems }) => {
  await open(page, '/enforcement/accidents');
  const assessed = page.getByTestId('accident-list').locator('li', { hasText: '已评估' }).first();
  await assessed.getByRole('link').click();
  await expect(page.getByTestId('report-text').getByRole('heading', { name: '事故原因' })).toBeVisible();
  await page.getByRole('link', { name: '整改措施落实情况评估' }).click();
  await expect(page.locator('#assessment')).toBeFocused();
  await expect(page.getByTestId('assessment-conclusion')).not.toBeEmpty();
  const history = page.getByTestId('history').locator('li');
  await expect(history.first()).toContainText('第 1 版');
  await expect(history.first()).toContainText('调查报告全文公布');
  expect(problems).toEqual([]);
});

test('an earlier version of a corrected report stays readable and says so', async ({ page }) => {
  await open(page, '/enforcement/accidents');
  const reports = page.getByTestId('accident-list').getByRole('link');
  await reports.last().click();
  const history = page.getByTestId('history').locator('li');
  await expect(history).toHaveCount(3);
  await expect(history.nth(1)).toContainText('补充第（五）项整改措施');
  const latest = await page.getByTestId('report-text').textContent();
  await history.first().getByRole('link').click();
  await expect(page).toHaveURL(/version=1/);
  await expect(page.getByTestId('old-version')).toContainText('第 1 版，最新为第 3 版');
  expect(await page.getByTestId('report-text').textContent()).not.toEqual(latest);
  await page.reload();
  await expect(page.getByTestId('old-version')).toBeVisible();
  await page.getByTestId('old-version').getByRole('link').click();
  await expect(page.getByTestId('old-version')).toHaveCount(0);
});

test('an accident report that does not exist says so', async ({ page }) => {
  await open(page, '/enforcement/accidents/99999');
  await expect(page.getByTestId('record-missing')).toBeVisible();
});

test('each statistics chart reads as a table with the same figures', async ({ page, problems }) => {
  await open(page, '/enforcement/statistics');
  const section = page.getByTestId('chart-decisions-by-district');
  await expect(section.getByTestId('bars')).toHaveCount(2);
  const firstBar = section.getByTestId('bars').first().locator('.bars__row').first();
  await expect(firstBar.locator('.bars__label')).toHaveText('历下区');
  const barValue = await firstBar.locator('.bars__value').textContent();
  await section.getByTestId('toggle-table').click();
  await expect(section.getByTestId('toggle-table')).toHaveText('以图表显示');
  const rows = section.getByTestId('chart-table').locator('tbody tr');
  await expect(rows).toHaveCount(15);
  await expect(rows.first().locator('th')).toHaveText('历下区');
  await expect(rows.first().locator('td').first()).toHaveText(barValue ?? '');
  await section.getByTestId('toggle-table').click();
  await expect(section.getByTestId('bars')).toHaveCount(2);
  for (const chart of ['decisions-by-month', 'decisions-by-industry', 'reports-by-month', 'listings-by-district']) {
    await expect(page.getByTestId(`chart-${chart}`)).toBeVisible();
  }
  expect(problems).toEqual([]);
});

test('a statistics chart downloads as a CSV that Excel reads', async ({ page }) => {
  await open(page, '/enforcement/statistics');
  const section = page.getByTestId('chart-listings-by-district');
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByTestId('chart-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^listings-by-district-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('\ufeff区县,督办中（项）,逾期未整改（项）\r\n历下区,')).toBe(true);
  expect(text.trim().split('\r\n')).toHaveLength(16);
});

test('a statistics chart downloads as an Excel workbook', async ({ page }) => {
  await open(page, '/enforcement/statistics');
  const section = page.getByTestId('chart-listings-by-district');
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByTestId('chart-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/^listings-by-district-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(readFileSync(await download.path()).subarray(0, 2).toString('latin1')).toBe('PK');
});

test('the statistics page needs no sideways scrolling', async ({ page }) => {
  await open(page, '/enforcement/statistics');
  await expect(page.getByTestId('chart-decisions-by-month')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

for (const path of [
  '/enforcement/cases',
  '/enforcement/cases/1',
  '/enforcement/listings?overdue=true',
  '/enforcement/listings/1',
  '/enforcement/accidents',
  '/enforcement/accidents/1',
  '/enforcement/statistics',
]) {
  test(`${path} has no accessibility violations`, async ({ page }) => {
    await open(page, path);
    await expect(page.locator('.loading')).toHaveCount(0);
    expect(await violations(page)).toEqual([]);
  });
}

test('the statistics tables have no accessibility violations', async ({ page }) => {
  await open(page, '/enforcement/statistics');
  for (const toggle of await page.getByTestId('toggle-table').all()) await toggle.click();
  await expect(page.getByTestId('chart-table')).toHaveCount(5);
  expect(await violations(page)).toEqual([]);
});
