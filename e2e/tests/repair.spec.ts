// Credit repair (信用修复) as a listed enterprise and an editor meet it: the
// enterprise applies online from its page, gets a reference and a query
// code, follows the application, adds documents when asked; the editor
// accepts, asks for more and approves, and the public page shows the
// listing removed by credit repair.
import { test, expect, open } from './fixtures';
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';

const admin = process.env.E2E_ADMIN ?? 'admin';
const adminPassword = process.env.E2E_ADMIN_PASSWORD ?? '';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PASSWORD = 'a repair officer secret';

const unique = (base: string, info: TestInfo) =>
  `${base}-${info.project.name}-${Date.now().toString(36)}`.toLowerCase();

function monthsAgo(months: number) {
  const day = new Date(Date.now() + 8 * 3600 * 1000);
  day.setUTCMonth(day.getUTCMonth() - months);
  return day.toISOString().slice(0, 10);
}

/** An editor account made by the administrator, its password changed; signed in in `request`. */
async function editorSession(request: APIRequestContext, info: TestInfo, base: string) {
  const username = unique(base, info);
  const adminSession = await (await request.post('/api/staff/session', { data: { username: admin, password: adminPassword } })).json();
  const created = await request.post('/api/staff/accounts', {
    data: { username, display_name: '信用修复审核', role: 'editor' },
    headers: { 'x-csrf-token': adminSession.csrf_token },
  });
  expect(created.status()).toBe(201);
  const { password } = await created.json();
  await request.delete('/api/staff/session', { headers: { 'x-csrf-token': adminSession.csrf_token } });
  const session = await (await request.post('/api/staff/session', { data: { username, password } })).json();
  const changed = await request.put('/api/staff/password', {
    data: { current: password, new: PASSWORD },
    headers: { 'x-csrf-token': session.csrf_token },
  });
  expect(changed.status()).toBeLessThan(300);
  return { username, csrf: session.csrf_token as string };
}

/**
 * An enterprise never listed (not one of those the other tests take), listed
 * by an editor `months` ago.
 */
async function listedEnterprise(request: APIRequestContext, info: TestInfo, months: number, slot: number) {
  const editor = await editorSession(request, info, `lister${slot}`);
  // The other tests take from the first 10 of this query; these come from
  // the next 10.
  const directory = (await (await request.get(`/api/enterprises?q=${encodeURIComponent('有限公司')}&limit=20`)).json()) as { credit_code: string; name: string }[];
  const free = [];
  for (const e of directory.slice(10)) {
    const profile = await (await request.get(`/api/enterprises/${e.credit_code}`)).json();
    if (profile.history.length === 0) free.push(e);
    if (free.length > 4) break;
  }
  const enterprise = free[(info.project.name === 'phone' ? 0 : 2) + slot];
  const listed = await request.post('/api/staff/blacklist', {
    data: {
      credit_code: enterprise.credit_code,
      ground: 'unlicensed',
      reason: '未取得安全生产许可证擅自从事生产经营活动',
      breach_summary: '该单位在未取得安全生产许可证的情况下擅自组织生产。',
      authority: '济南市应急管理局',
      listed_on: monthsAgo(months),
      measures: '列为重点监管对象',
    },
    headers: { 'x-csrf-token': editor.csrf },
  });
  expect(listed.status(), await listed.text()).toBe(200);
  await request.delete('/api/staff/session', { headers: { 'x-csrf-token': editor.csrf } });
  return enterprise;
}

async function signIn(page: Page, username: string) {
  await open(page, '/staff/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('staff-bar')).toBeVisible();
}

async function fillApplication(page: Page) {
  await page.getByLabel('已履行行政处罚决定').check();
  await page.getByLabel('已完成整改').check();
  await page.getByLabel('本企业作出信用承诺').check();
  await page.getByLabel('整改和履行情况说明').fill('罚款已全额缴纳；已依法取得安全生产许可证，并建立许可到期提醒和专人负责制度。');
  await page.getByLabel('联系人').fill('王经理');
  await page.getByLabel('联系电话').fill('13905310000');
}

test('a listed enterprise applies for credit repair and an editor approves it, and the public page shows the removal', async ({ page, problems }, info) => {
  const enterprise = await listedEnterprise(page.request, info, 13, 0);
  const reviewer = await editorSession(page.request, info, 'repairer');
  await page.request.delete('/api/staff/session', { headers: { 'x-csrf-token': reviewer.csrf } });

  await open(page, `/blacklist/enterprises/${enterprise.credit_code}`);
  await page.getByTestId('repair-apply').click();
  await expect(page.locator('#main h1')).toHaveText('申请信用修复');
  await expect(page.getByLabel('统一社会信用代码')).toHaveValue(enterprise.credit_code);
  await expect(page.getByTestId('repair-standing-verdict')).toHaveText('已满12个月，可以申请。');

  // A submit with parts missing names each and keeps what was typed.
  await page.getByLabel('整改和履行情况说明').fill('已整改');
  await page.getByTestId('repair-submit').click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('请确认已履行行政处罚决定');
  await expect(summary).toContainText('请至少用20个字说明整改和履行情况');
  await expect(summary).toContainText('请至少添加一份证明材料');
  await expect(page.getByLabel('整改和履行情况说明')).toHaveValue('已整改');

  await fillApplication(page);
  await page.getByTestId('repair-file').setInputFiles({ name: '罚款缴纳凭证.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByTestId('repair-document')).toContainText('已上传');
  await page.getByTestId('repair-submit').click();
  await expect(page.getByTestId('repair-receipt')).toBeVisible();
  const reference = (await page.getByTestId('repair-reference').innerText()).trim();
  const code = (await page.getByTestId('repair-query-code').innerText()).trim();
  expect(reference).toMatch(/^XF\d{8}-[2-9A-Z]{6}$/);

  await page.getByTestId('repair-follow').click();
  await expect(page.getByLabel('受理编号')).toHaveValue(reference);
  await page.getByLabel('查询码').fill(code);
  await page.getByTestId('repair-status-submit').click();
  await expect(page.getByTestId('repair-status-current')).toHaveText('已提交，待受理');
  await expect(page.getByTestId('repair-decide-by')).toBeVisible();

  await signIn(page, reviewer.username);
  await open(page, '/staff/blacklist');
  const row = page.getByTestId('repair-row').filter({ hasText: reference });
  await row.getByTestId('repair-open').click();
  const application = page.getByTestId('repair-case');
  await expect(application).toContainText('13905310000');
  await expect(application.getByTestId('repair-case-documents')).toContainText('PDF');
  await application.getByTestId('repair-accept').click();
  await expect(application.getByTestId('repair-case-status')).toHaveText('已受理，核实中');
  await application.getByLabel('给申请人的说明').fill('经核实，罚款已缴纳，整改到位，准予信用修复');
  await application.getByTestId('repair-approve').click();
  await expect(application.getByTestId('repair-case-status')).toHaveText('准予修复，已移出名单');
  expect(problems).toEqual([]);

  await open(page, `/blacklist/enterprises/${enterprise.credit_code}`);
  await expect(page.getByTestId('verdict')).toContainText('已移出');
  await expect(page.getByTestId('removal-basis').first()).toContainText('信用修复');
  await expect(page.locator('#main')).toContainText('经核实，罚款已缴纳，整改到位，准予信用修复');
});

test('an enterprise listed less than a year ago is told from which day it may apply', async ({ page }, info) => {
  const enterprise = await listedEnterprise(page.request, info, 2, 1);
  await open(page, `/blacklist/repair?code=${enterprise.credit_code}`);
  await expect(page.getByTestId('repair-standing-verdict')).toContainText('列入未满12个月');
  await expect(page.getByTestId('repair-standing-verdict')).toContainText('起方可申请');
  await fillApplication(page);
  await page.getByTestId('repair-file').setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByTestId('repair-document')).toContainText('已上传');
  await page.getByTestId('repair-submit').click();
  await expect(page.getByTestId('error-summary')).toContainText('该企业列入名单未满12个月，尚不能申请');
});

test('a file that is not a PDF or a picture is refused by name and can be removed', async ({ page }) => {
  await open(page, '/blacklist/repair');
  await page.getByTestId('repair-file').setInputFiles({ name: '说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
  const document = page.getByTestId('repair-document');
  await expect(document).toContainText('说明.pdf 不是可读取的PDF或图片');
  await document.getByRole('button', { name: '删除' }).click();
  await expect(document).toHaveCount(0);
});

test('a wrong query code shows no application', async ({ page }) => {
  await open(page, '/blacklist/repair/status');
  await page.getByLabel('受理编号').fill('XF20260101-AAAAAA');
  await page.getByLabel('查询码').fill('2222-2222');
  await page.getByTestId('repair-status-submit').click();
  await expect(page.getByTestId('repair-status-error')).toContainText('没有与此受理编号和查询码对应的申请');
});
