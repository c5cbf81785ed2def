// Administrative licences (行政许可) as the public meets them: a fireworks
// shop's licence found by its number, read with its status and history,
// and seen again on the shop's own page.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, open } from './fixtures';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function violations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

test('a fireworks shop\'s licence is found by its number and shows its holder, validity and status', async ({ page, problems }) => {
  // A retail licence of the demo, by the API, to know a number to type.
  const answer = await page.request.get('/api/licences?kind=fireworks-retail&status=valid');
  expect(answer.ok()).toBeTruthy();
  const first = (await answer.json()).items[0];
  await open(page, '/enforcement');
  await page.getByRole('link', { name: '行政许可公示' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('行政许可公示');
  await page.getByTestId('licence-q').fill(first.licence_no);
  await page.getByTestId('licence-search').click();
  await expect(page.getByTestId('licence-count')).toHaveText('共 1 件许可');
  await page.getByTestId('licence-list').getByRole('link', { name: first.licence_no }).click();
  await expect(page.getByTestId('licence-page').locator('h1')).toHaveText(first.licence_no);
  const fields = page.getByTestId('licence-fields');
  await expect(fields).toContainText('烟花爆竹经营（零售）许可证');
  await expect(fields).toContainText(first.holder_name);
  await expect(fields).toContainText(first.credit_code);
  await expect(page.getByTestId('licence-status')).toHaveText('有效');
  await expect(page.getByTestId('licence-history').locator('li')).not.toHaveCount(0);
  await page.getByTestId('licence-fields').getByRole('link', { name: first.holder_name }).click();
  await expect(page.getByTestId('enterprise-licences')).toContainText(first.licence_no);
  expect(problems).toEqual([]);
});

test('an expired licence says so by itself on its page', async ({ page }) => {
  const answer = await page.request.get('/api/licences?status=expired');
  const first = (await answer.json()).items[0];
  await open(page, `/enforcement/licences/${first.id}`);
  await expect(page.getByTestId('licence-status')).toHaveText('过期');
  await expect(page.getByTestId('licence-expired')).toContainText('已过期');
});

test('an unknown licence answers 404 with a way back to the search', async ({ page }) => {
  const response = await page.goto('/enforcement/licences/99999999');
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('licence-page')).toContainText('没有找到这件许可');
});

test('the licence search and a licence have no accessibility violations', async ({ page }) => {
  await open(page, '/enforcement/licences?kind=fireworks-retail');
  await expect(page.getByTestId('licence-list').locator('li').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.getByTestId('licence-list').getByRole('link').first().click();
  await expect(page.getByTestId('licence-fields')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
