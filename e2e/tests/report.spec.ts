import { test, expect, open } from './fixtures';
import type { Page, Locator } from '@playwright/test';

// A valid 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

async function next(page: Page) {
  await page.getByTestId('continue').click();
}

/** Fills every step up to "check your answers", reloading half-way. */
async function fillReport(page: Page) {
  await open(page, '/report');
  await page.getByRole('link', { name: '开始填写' }).click();
  await expect(page.locator('#main h1')).toHaveText('您要举报哪一类隐患？');
  await page.getByLabel('消防').check();
  await next(page);
  await page.getByLabel('所在区县').selectOption('lixia');
  await page.getByLabel('详细地址').fill('经十路100号某商场三楼东侧楼梯间');
  await next(page);
  await page.getByLabel('单位名称或统一社会信用代码').fill('济南');
  await page.getByTestId('enterprise-results').getByRole('radio').first().check();
  await expect(page.getByTestId('enterprise-chosen')).toBeVisible();
  await next(page);
  await expect(page).toHaveURL(/step=when/);

  // Half-way, the page is reloaded: nothing typed is lost.
  await page.reload();
  await expect(page.locator('#main h1')).toHaveText('您是什么时候发现的？');
  await page.getByTestId('step-count').waitFor();
  await next(page);
  await page.getByLabel('情况描述').fill('商场三楼安全出口被上锁，疏散通道内堆放大量纸箱，消防栓被遮挡。');
  await expect(page.getByTestId('description-count')).toContainText('还可以输入');
  await next(page);
  await page.getByTestId('photo-input').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByTestId('photos').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('photos')).toContainText('scene.png');
  await next(page);
  await page.getByLabel('匿名举报').check();
  await expect(page.getByTestId('who-sees')).toContainText('只有负责办理的工作人员可以查看');
  await next(page);
  await expect(page.locator('#main h1')).toHaveText('提交前请核对');
  const answers = page.getByTestId('check-answers');
  await expect(answers).toContainText('消防');
  await expect(answers).toContainText('历下区');
  await expect(answers).toContainText('经十路100号');
  await expect(answers).toContainText('1 张');
  await expect(answers).toContainText('匿名举报');
}

async function lookUp(page: Page, reference: string, code: string) {
  await open(page, '/report/status');
  await page.getByLabel('受理编号').fill(reference);
  await page.getByLabel('查询码').fill(code);
  await page.getByRole('button', { name: '查询' }).click();
}

test('a report with a photo survives a reload, a lost answer and a retry, and is sent exactly once', async ({ page, problems }) => {
  await fillReport(page);
  // The first submit reaches the server, but its answer is lost on the way back.
  let first: { reference: string } | undefined;
  await page.route('**/api/reports', async (route) => {
    const response = await route.fetch();
    first = await response.json();
    await route.abort('connectionreset');
  }, { times: 1 });
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('submit-failure')).toContainText('网络连接失败');
  await expect(page.getByTestId('check-answers')).toContainText('经十路100号', { timeout: 1000 });

  // The retry gets the receipt of the same report: there is one, not two.
  await page.getByTestId('submit').click();
  await expect(page).toHaveURL('/report/receipt');
  const reference = await page.getByTestId('receipt-reference').innerText();
  const code = await page.getByTestId('receipt-code').innerText();
  expect(first?.reference).toBe(reference);
  expect(reference).toMatch(/^JB\d{8}-[2-9A-HJKMNP-Z]{6}$/);
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await expect(page.getByRole('main')).toContainText('查询码只显示这一次');
  // Following it up starts with the reference filled in, never the code.
  await page.getByTestId('follow-link').click();
  await expect(page.getByLabel('受理编号')).toHaveValue(reference);
  await expect(page.getByLabel('查询码')).toHaveValue('');
  await expect(page).not.toHaveURL(new RegExp(code));

  // The draft is gone once sent.
  await open(page, '/report');
  await expect(page.getByTestId('resume-draft')).toHaveCount(0);

  await lookUp(page, reference, code.toLowerCase());
  await expect(page.getByTestId('status-current')).toHaveText('已收到');
  await expect(page.getByTestId('status-view')).toContainText('应办结日期');
  expect(problems.filter((p) => !p.includes('ERR_CONNECTION_RESET') && !p.includes('Failed to load resource'))).toEqual([]);
});

test('a submit while the server is unreachable can be retried when it is back', async ({ page }) => {
  await fillReport(page);
  await page.route('**/api/reports', (route) => route.abort('internetdisconnected'));
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('submit-failure')).toBeVisible();
  await expect(page.getByTestId('submit')).toHaveText('重新提交');
  await page.unroute('**/api/reports');
  await page.getByTestId('submit').click();
  await expect(page).toHaveURL('/report/receipt');
  await expect(page.getByTestId('receipt-reference')).toHaveText(/^JB/);
});

test('the draft is offered again on the start page', async ({ page }) => {
  await open(page, '/report/new?step=what');
  await page.getByLabel('建筑施工').check();
  await page.getByTestId('continue').click();
  await open(page, '/report');
  await expect(page.getByTestId('resume-draft')).toBeVisible();
  await page.getByRole('button', { name: '放弃草稿，重新开始' }).click();
  await expect(page.getByRole('link', { name: '开始填写' })).toBeVisible();
});

test('missing answers are summarised at the top and each link leads to its field', async ({ page }) => {
  await open(page, '/report/new?step=where');
  await page.getByTestId('continue').click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('请选择所在区县');
  await expect(summary).toContainText('请填写隐患所在的地址');
  await summary.getByRole('link', { name: '请填写隐患所在的地址' }).click();
  await expect(page.getByLabel('详细地址')).toBeFocused();
  await expect(page.getByLabel('详细地址')).toHaveAttribute('aria-invalid', 'true');
});

test('a named report needs a phone number that can be called', async ({ page }) => {
  await open(page, '/report/new?step=who');
  await page.getByLabel('实名举报').check();
  await page.getByLabel('姓名', { exact: true }).fill('张三');
  await page.getByLabel('联系电话').fill('12345');
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('error-summary')).toContainText('11 位手机号码');
});

async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error('could not reach the element with Tab');
}

test('the whole report can be made with the keyboard alone', async ({ page }) => {
  await open(page, '/report');
  await tabTo(page, page.getByRole('link', { name: '开始填写' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#main h1')).toBeFocused();
  await tabTo(page, page.getByLabel('危险化学品'));
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/step=where/);
  await tabTo(page, page.getByLabel('所在区县'));
  await page.keyboard.press('ArrowDown');
  await tabTo(page, page.getByLabel('详细地址'));
  await page.keyboard.type('工业北路88号化工厂储罐区');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/step=enterprise/);
  await tabTo(page, page.getByLabel('不知道是哪家单位'));
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/step=when/);
  await tabTo(page, page.getByTestId('continue'));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('情况描述'));
  await page.keyboard.type('储罐区可燃气体报警器长期不亮，夜间有刺鼻气味。');
  await tabTo(page, page.getByTestId('continue'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/step=photos/);
  await tabTo(page, page.getByTestId('continue'));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('匿名举报'));
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/step=check/);
  await tabTo(page, page.getByTestId('submit'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/report/receipt');
  await expect(page.getByTestId('receipt-code')).toHaveText(/-/);
});

test('a business searched for but not chosen is not dropped silently', async ({ page }) => {
  await open(page, '/report/new?step=enterprise');
  await page.getByLabel('单位名称或统一社会信用代码').fill('济南');
  await expect(page.getByTestId('enterprise-results').getByRole('radio').first()).toBeVisible();
  await next(page);
  await expect(page).toHaveURL(/step=enterprise/);
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('还没有选择单位');
  await summary.getByRole('link').click();
  await expect(page.getByLabel('单位名称或统一社会信用代码')).toBeFocused();
  await page.getByTestId('enterprise-results').getByRole('radio').first().check();
  await next(page);
  await expect(page).toHaveURL(/step=when/);
});

test('a status look-up with nothing typed says what is missing, in the page', async ({ page }) => {
  await open(page, '/report/status');
  await page.getByRole('button', { name: '查询' }).click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveCount(2);
  await summary.getByRole('link', { name: /查询码/ }).click();
  await expect(page.getByLabel('查询码')).toBeFocused();
});

test('a wrong query code is told apart from nothing', async ({ page }) => {
  await lookUp(page, 'JB20200101-0001', 'AAAA-AAAA');
  await expect(page.getByTestId('status-error')).toContainText('没有找到与受理编号和查询码相符的举报');
});

test('the reward estimate follows the 2018 rules', async ({ page }) => {
  await open(page, '/report/rewards');
  await page.getByLabel('行政处罚罚款金额（元）').fill('100000');
  await expect(page.getByTestId('estimate-fine-result')).toHaveText('估算奖励：15,000 元');
  await page.getByLabel('行政处罚罚款金额（元）').fill('1000');
  await expect(page.getByTestId('estimate-fine-result')).toHaveText('估算奖励：3,000 元');
  await page.getByLabel('行政处罚罚款金额（元）').fill('9000000');
  await expect(page.getByTestId('estimate-fine-result')).toHaveText('估算奖励：300,000 元');
  await page.getByLabel('事故等级').selectOption({ label: '较大事故' });
  await page.getByLabel('查实的瞒报、谎报死亡人数').fill('3');
  await expect(page.getByTestId('estimate-accident-result')).toHaveText('估算奖励：120,000 元');
});
