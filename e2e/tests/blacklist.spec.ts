import { readFileSync } from 'node:fs';
import { test, expect, open } from './fixtures';
import type { Page } from '@playwright/test';

/** Name and code of listed enterprises, from the public list. */
async function listedEnterprises(page: Page) {
  await open(page, '/blacklist/list');
  const cards = page.getByTestId('listed').getByTestId('standing');
  await expect(cards.first()).toBeVisible();
  const out: { name: string; code: string }[] = [];
  for (let i = 0; i < 2; i++) {
    const card = cards.nth(i);
    out.push({
      name: await card.getByRole('heading').innerText(),
      code: await card.locator('.standing__meta .code').innerText(),
    });
  }
  return out;
}

async function check(page: Page, text: string) {
  await open(page, '/blacklist');
  await page.getByLabel('企业名称或统一社会信用代码').fill(text);
  await page.getByRole('button', { name: '查询', exact: true }).click();
}

test('part of a listed enterprise\'s name finds it, with why and until when', async ({ page, problems }) => {
  const [first] = await listedEnterprises(page);
  const part = first.name.slice(2, 6);
  await check(page, part);
  const card = page.getByTestId('standing').filter({ hasText: first.name });
  await expect(card.getByTestId('standing-status')).toHaveText('已列入');
  await expect(card.getByTestId('listing')).toContainText('纳入理由');
  await expect(card.getByTestId('listing')).toContainText('管理期限至');
  await expect(card.getByTestId('listing-regime')).toContainText(/安全生产严重失信主体名单|安全生产失信联合惩戒对象/);
  await expect(card.getByTestId('listing-ground')).toContainText(/应急管理部令第11号|安监总办〔2017〕49号/);
  await expect(card.getByTestId('repair-from')).toContainText('起，可以申请信用修复');
  await expect(card.getByTestId('listing')).toContainText('联合惩戒措施');
  await expect(card.getByTestId('listing')).toContainText('信用修复');
  await expect(page).toHaveURL(/q=/);
  expect(problems).toEqual([]);
});

test('a code finds another listed enterprise, says so as of now, and prints a code anyone can verify', async ({ page }) => {
  const [, second] = await listedEnterprises(page);
  await check(page, second.code);
  await expect(page.getByTestId('verdict')).toContainText('该企业已列入安全生产严重失信主体名单');
  await expect(page.getByTestId('verdict')).toContainText('截至');
  const code = await page.getByTestId('verification-code').innerText();
  expect(code.startsWith(second.code)).toBeTruthy();

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('proof')).toBeVisible();
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  await open(page, '/blacklist/verify');
  await page.getByLabel('验证码').fill(code);
  await page.getByRole('button', { name: '验证' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('验证通过');
  await expect(page.getByTestId('verify-result')).toContainText(second.name);
  await expect(page.getByTestId('verify-result')).toContainText('已列入');

  await page.getByLabel('验证码').fill(code.replace('-L-', '-N-'));
  await page.getByRole('button', { name: '验证' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('验证未通过');
});

test('an enterprise page joins its standing, its listings and its penalties', async ({ page }) => {
  const [first] = await listedEnterprises(page);
  await page.getByTestId('listed').getByRole('link', { name: first.name }).click();
  await expect(page).toHaveURL(`/blacklist/enterprises/${first.code}`);
  await expect(page.locator('#main h1')).toHaveText(first.name);
  await expect(page.getByTestId('verdict')).toContainText('已列入');
  await expect(page.getByTestId('history')).toBeVisible();
  await expect(page.getByRole('heading', { name: '行政处罚决定' })).toBeVisible();
  await expect(page.getByTestId('verification-code')).toContainText(first.code);
});

/** The code with its check character replaced by a wrong one. */
function withWrongCheck(code: string) {
  const last = code.slice(-1);
  return code.slice(0, 17) + (last === '0' ? '1' : '0');
}

test('a mistyped code of a listed enterprise is called invalid, with no certificate, and the listed one is offered', async ({ page, problems }) => {
  const [first] = await listedEnterprises(page);
  await check(page, withWrongCheck(first.code));
  const verdict = page.getByTestId('verdict-invalid');
  await expect(verdict).toContainText('代码无效：无法判断是否列入');
  await expect(verdict).toContainText(`应为 ${first.code.slice(-1)}`);
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  await expect(page.getByTestId('proof')).toHaveCount(0);
  await expect(page.getByTestId('check-answer')).not.toContainText('未列入');
  const offered = page.getByTestId('suggestions').getByTestId('standing').first();
  await expect(offered).toContainText(first.name);
  await expect(offered.getByTestId('standing-status')).toHaveText('已列入');
  expect(problems).toEqual([]);
});

test('a code of the wrong length is refused with what is wrong, before asking the server', async ({ page }) => {
  await check(page, '914403001922038216');
  await expect(page.getByTestId('verdict')).toBeVisible();
  // On the same page, without reloading: the previous answer goes.
  await page.getByLabel('企业名称或统一社会信用代码').fill('91440300192203821');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await expect(page.getByTestId('input-problem')).toHaveText('统一社会信用代码应为 18 位，此处为 17 位');
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  await check(page, '91440300192203821');
  await expect(page.getByTestId('input-problem')).toHaveText('统一社会信用代码应为 18 位，此处为 17 位');
  await expect(page.getByLabel('企业名称或统一社会信用代码')).toHaveAttribute('aria-invalid', 'true');
  await check(page, '9144030019220382O6');
  await expect(page.getByTestId('input-problem')).toContainText('不使用 I、O、S、V、Z');
});

test('script and SQL fragments are shown as text and find nothing', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; void d.dismiss(); });
  await check(page, '<img src=x onerror=alert(1)>');
  await expect(page.getByTestId('check-answer')).toContainText('没有找到名称含有“<img src=x onerror=alert(1)>”的企业');
  await expect(page.getByTestId('check-answer')).toContainText('这不代表该企业未被列入');
  await check(page, "' OR 1=1 --");
  await expect(page.getByTestId('check-answer')).toContainText('没有找到');
  expect(dialogs).toBe(0);
});

test('a batch of 1,000 lines with some bad ones answers each line and downloads as CSV', async ({ page }) => {
  const [first, second] = await listedEnterprises(page);
  const lines: string[] = [];
  for (let i = 0; i < 1000; i++) {
    lines.push([first.code, second.name, '914403001922038216', '9144030019220382', `无此企业${i}`][i % 5]);
  }
  await open(page, '/blacklist/batch');
  await page.getByLabel('企业名称或代码，每行一家').fill(lines.join('\n'));
  await page.getByTestId('batch-submit').click();
  const result = page.getByTestId('batch-result');
  await expect(result).toContainText('共 1000 行：400 家已列入，400 行无法判断');
  await expect(result.locator('tbody tr')).toHaveCount(1000);
  await expect(result.locator('tbody tr').nth(3)).toContainText('统一社会信用代码应为 18 位');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-download').click()]);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.trim().split('\r\n')).toHaveLength(1001);
});

test('the results of a batch check download as an Excel workbook too', async ({ page }) => {
  const [first] = await listedEnterprises(page);
  await open(page, '/blacklist/batch');
  await page.getByLabel('企业名称或代码，每行一家').fill(first.code);
  await page.getByTestId('batch-submit').click();
  await expect(page.getByTestId('batch-table').locator('tbody tr')).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-download-xlsx').click()]);
  expect(download.suggestedFilename()).toBe('blacklist-check.xlsx');
  expect(readFileSync(await download.path()).subarray(0, 2).toString('latin1')).toBe('PK');
});

test('a batch line with a mistyped code says the code is invalid, never not listed, and offers the listed enterprise', async ({ page }) => {
  const [first] = await listedEnterprises(page);
  await open(page, '/blacklist/batch');
  await page.getByLabel('企业名称或代码，每行一家').fill(withWrongCheck(first.code));
  await page.getByTestId('batch-submit').click();
  const row = page.getByTestId('batch-result').locator('tbody tr').first();
  await expect(row).toContainText('代码无效');
  await expect(row).toContainText('无法判断');
  await expect(row).not.toContainText('未列入');
  await expect(row.getByTestId('line-suggestions')).toContainText(first.name);
  await expect(row.getByTestId('line-suggestions')).toContainText('已列入');
});

// The demo directory (generated from a fixed seed) has both
// 济南航益建设工程有限公司 and 济南航益建设工程有限责任公司.
test('a full legal name that another name shares resolves to its enterprise, with a code anyone can verify', async ({ page, problems }) => {
  await check(page, '济南航益建设工程有限公司');
  await expect(page.getByTestId('verdict')).toBeVisible();
  await expect(page.getByTestId('check-answer').getByTestId('standing').first()).toContainText('济南航益建设工程有限公司');
  await expect(page.getByTestId('proof')).toBeVisible();
  await expect(page.getByTestId('other-matches')).toContainText('济南航益建设工程有限责任公司');
  expect(problems).toEqual([]);
});

test('spreadsheet lines with a full legal name resolve in a batch', async ({ page }) => {
  await open(page, '/blacklist/batch');
  await page.getByLabel('企业名称或代码，每行一家').fill('济南航益建设工程有限公司\n济南航益建设工程');
  await page.getByTestId('batch-submit').click();
  const rows = page.getByTestId('batch-result').locator('tbody tr');
  await expect(rows.nth(0)).toContainText('未列入');
  await expect(rows.nth(1)).toContainText('有 2 家企业名称相同');
  await expect(rows.nth(1).getByTestId('line-suggestions')).toContainText('济南航益建设工程有限责任公司');
});

test('twenty spreadsheet rows with names and codes: the header is skipped, the codes decide and a name that does not match is flagged', async ({ page, problems }) => {
  type Standing = { enterprise: { name: string; credit_code: string } };
  const listed = ((await (await page.request.get('/api/blacklist/listed?page_size=10')).json()).items as Standing[])
    .map((s) => s.enterprise);
  const directory = (await (await page.request.get(`/api/enterprises?q=${encodeURIComponent('有限公司')}`)).json()) as
    { name: string; credit_code: string }[];
  const listedCodes = new Set(listed.map((e) => e.credit_code));
  const free = directory.filter((e) => !listedCodes.has(e.credit_code)).slice(0, 9);
  const rows = [...listed.slice(0, 9), ...free].map((e, i) => `${i + 1}\t${e.name}\t${e.credit_code}`);
  // A listed enterprise's name beside another enterprise's code.
  rows.push(`19\t${listed[0].name}\t${free[0].credit_code}`);
  await open(page, '/blacklist/batch');
  await page.getByLabel('企业名称或代码，每行一家').fill(['序号\t企业名称\t统一社会信用代码', ...rows].join('\n'));
  await page.getByTestId('batch-submit').click();
  const result = page.getByTestId('batch-result');
  await expect(result.getByRole('status')).toHaveText('共 19 行：9 家已列入，0 行无法判断');
  await expect(page.getByTestId('header-skipped')).toContainText('序号');
  await expect(page.getByTestId('batch-mismatches')).toContainText('1 行名称与代码不符');
  const last = result.locator('tbody tr').last();
  await expect(last).toContainText('未列入');
  await expect(last.getByTestId('name-mismatch')).toContainText(`该代码登记的企业为${free[0].name}`);
  await expect(last.getByTestId('line-suggestions')).toContainText(listed[0].name);
  await expect(last.getByTestId('line-suggestions')).toContainText('已列入');
  await expect(result.getByTestId('name-mismatch')).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('a CSV that Excel saved in GBK is read, its header skipped', async ({ page }) => {
  const found = (await (await page.request.get(`/api/blacklist/check?q=${encodeURIComponent('济南航益建设工程有限公司')}`)).json()) as
    { credit_code: string };
  // 企业名称,统一社会信用代码\r\n济南航益建设工程有限公司, in GB18030 (GBK).
  const bytes = Buffer.concat([
    Buffer.from('c6f3d2b5c3fbb3c62ccdb3d2bbc9e7bbe1d0c5d3c3b4fac2eb0d0a', 'hex'),
    Buffer.from('bcc3c4cfbabdd2e6bda8c9e8b9a4b3ccd3d0cfdeb9abcbbe2c', 'hex'),
    Buffer.from(`${found.credit_code}\r\n`, 'ascii'),
  ]);
  await open(page, '/blacklist/batch');
  await page.locator('#batch-file').setInputFiles({ name: 'suppliers.csv', mimeType: 'text/csv', buffer: bytes });
  await expect(page.getByLabel('企业名称或代码，每行一家')).toHaveValue(`企业名称,统一社会信用代码\n济南航益建设工程有限公司,${found.credit_code}`);
  await page.getByTestId('batch-submit').click();
  await expect(page.getByTestId('header-skipped')).toBeVisible();
  const rows = page.getByTestId('batch-result').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('未列入');
  await expect(page.getByTestId('name-mismatch')).toHaveCount(0);
});

test('a file that is neither UTF-8 nor GBK is refused with what to do', async ({ page }) => {
  await open(page, '/blacklist/batch');
  await page.locator('#batch-file').setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from([0xff, 0xfe, 0xff, 0x81, 0x30]) });
  await expect(page.getByTestId('file-unreadable')).toContainText('既不是 UTF-8 也不是 GBK');
});
