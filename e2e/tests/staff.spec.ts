// The staff workspace as staff meet it: the first administrator (made by
// the server's command before the tests) creates accounts; each new person
// signs in with a one-time password and must change it first.
import { test, expect, open } from './fixtures';
import type { Page, TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';

const admin = process.env.E2E_ADMIN ?? 'admin';
const adminPassword = process.env.E2E_ADMIN_PASSWORD ?? '';

/** A user name no other test (or project) uses. */
const unique = (base: string, info: TestInfo) =>
  `${base}-${info.project.name}-${Date.now().toString(36)}`.toLowerCase();

async function signIn(page: Page, username: string, password: string, succeeds = true) {
  await open(page, '/staff/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('sign-in').click();
  if (succeeds) await expect(page.getByTestId('staff-bar')).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in-page')).toBeVisible();
}

/** Creates an account as the signed-in administrator; returns its one-time password. */
async function createAccount(page: Page, username: string, name: string, role: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('姓名').fill(name);
  await page.getByRole('radio', { name: role }).check();
  await page.getByTestId('create-account').click();
  const issued = page.getByTestId('issued-password');
  await expect(issued).toContainText(username);
  await expect(issued).toBeFocused();
  const password = (await page.getByTestId('one-time-password').innerText()).trim();
  expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await expect(page.getByTestId(`account-${username}`)).toContainText('待修改密码');
  return password;
}

test('an administrator creates an editor and a case handler, who must each change the one-time password first', async ({ page, problems }, info) => {
  const editor = unique('editor', info);
  const handler = unique('handler', info);
  await signIn(page, admin, adminPassword);
  await expect(page.getByTestId('signed-in-as')).toContainText('系统管理员');
  await page.getByRole('link', { name: '账号管理' }).click();
  await expect(page.locator('#main h1')).toHaveText('账号管理');
  const editorPassword = await createAccount(page, editor, '李编辑', '信息发布员');
  const handlerPassword = await createAccount(page, handler, '王办理', '举报办理员');
  expect(problems).toEqual([]);
  await signOut(page);

  for (const [username, password, role] of [[editor, editorPassword, '信息发布员'], [handler, handlerPassword, '举报办理员']]) {
    await signIn(page, username, password);
    await expect(page).toHaveURL(/\/staff\/password$/);
    await expect(page.getByTestId('must-change')).toBeVisible();
    await page.getByLabel('当前密码').fill(password);
    await page.getByLabel('新密码', { exact: true }).fill(`${role} own long secret`);
    await page.getByLabel('再次输入新密码').fill(`${role} own long secret`);
    await page.getByTestId('save-password').click();
    await expect(page.getByTestId('password-changed')).toBeVisible();
    await expect(page.getByTestId('must-change')).toHaveCount(0);
    await page.getByTestId('password-changed').getByRole('link').click();
    await expect(page.getByTestId('signed-in-as')).toContainText(role);
    await expect(page.getByTestId('must-change')).toHaveCount(0);
    // Accounts are the administrator's work, not theirs.
    await open(page, '/staff/accounts');
    await expect(page.getByTestId('wrong-role')).toBeVisible();
    await signOut(page);
  }
});

test('a new password that is too short or contains the user name is refused beside the field', async ({ page }, info) => {
  const editor = unique('short', info);
  await signIn(page, admin, adminPassword);
  await open(page, '/staff/accounts');
  const password = await createAccount(page, editor, '赵短', '信息发布员');
  await signOut(page);
  await signIn(page, editor, password);
  await expect(page).toHaveURL(/\/staff\/password$/);
  await page.getByLabel('当前密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill('short');
  await page.getByTestId('save-password').click();
  await expect(page.getByTestId('error-summary')).toContainText('至少需要 12 个字符');
  await expect(page.getByTestId('error-summary')).toBeFocused();
  await page.getByTestId('error-summary').getByRole('link').click();
  await expect(page.getByLabel('新密码', { exact: true })).toBeFocused();
  await page.getByLabel('新密码', { exact: true }).fill(`${editor} is my password`);
  await page.getByTestId('save-password').click();
  await expect(page.getByTestId('error-summary')).toContainText('不能包含用户名');
});

test('a wrong password is refused without saying which part was wrong', async ({ page }, info) => {
  await signIn(page, unique('nobody', info), 'not a real password', false);
  await expect(page.getByTestId('error-summary')).toContainText('用户名或密码不正确');
  await expect(page).toHaveURL(/\/staff\/sign-in$/);
});

test('after signing out, the workspace asks to sign in again', async ({ page }) => {
  await signIn(page, admin, adminPassword);
  await expect(page.getByTestId('work-list')).toBeVisible();
  await signOut(page);
  await open(page, '/staff');
  await expect(page.getByTestId('not-signed-in')).toBeVisible();
});

test('the audit log shows who created which account', async ({ page, problems }, info) => {
  const editor = unique('audited', info);
  await signIn(page, admin, adminPassword);
  await open(page, '/staff/accounts');
  await createAccount(page, editor, '钱审计', '信息发布员');
  await open(page, '/staff/audit');
  await page.getByLabel('操作', { exact: true }).selectOption({ label: '账户管理' });
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/action=account\./);
  const entry = page.getByTestId('audit-entry').filter({ hasText: editor });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('新建账户');
  await expect(entry).toContainText('account.create');
  await expect(entry).toContainText(admin);
  await expect(entry).toContainText('钱审计');
  expect(problems).toEqual([]);
});

/** A citizen's named report, sent as the form sends it; its reference and query code. */
async function citizenReport(page: Page) {
  const seen = new Date(Date.now() + 8 * 3600_000 - 2 * 3600_000).toISOString().slice(0, 16);
  const response = await page.request.post('/api/reports', {
    data: {
      category: 'fire', district: 'lixia', address: '经十路100号某商场三楼',
      enterprise_name: '某某商贸有限公司', seen_at: seen,
      description: '商场三楼安全出口被上锁，疏散通道堆满货物，消防栓被遮挡。', photos: [],
      reporter: { kind: 'named', name: '王举报', phone: '13912345678' },
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { reference: string; query_code: string };
}

/** A case handler, made by the administrator through the API, signed in and past the forced change. */
async function caseHandler(page: Page, info: TestInfo) {
  const username = unique('handler', info);
  const session = await (await page.request.post('/api/staff/session', { data: { username: admin, password: adminPassword } })).json();
  const created = await page.request.post('/api/staff/accounts', {
    data: { username, display_name: '王办理', role: 'case-handler' },
    headers: { 'x-csrf-token': session.csrf_token },
  });
  expect(created.status()).toBe(201);
  const { password } = await created.json();
  await page.request.delete('/api/staff/session', { headers: { 'x-csrf-token': session.csrf_token } });
  await signIn(page, username, password);
  await expect(page).toHaveURL(/\/staff\/password$/);
  await page.getByLabel('当前密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill('case handler own secret');
  await page.getByLabel('再次输入新密码').fill('case handler own secret');
  await page.getByTestId('save-password').click();
  await expect(page.getByTestId('password-changed')).toBeVisible();
}

test('a case handler takes a report from received to reward paid, and the citizen sees every step', async ({ page, problems }, info) => {
  const receipt = await citizenReport(page);
  const decision = (await (await page.request.get('/api/decisions')).json()).items[0];
  await caseHandler(page, info);

  await open(page, '/staff');
  await page.getByRole('link', { name: '举报办理', exact: true }).click();
  await page.getByLabel('状态').selectOption('received');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/status=received/);
  await page.getByRole('link', { name: new RegExp(receipt.reference) }).click();
  await expect(page.locator('#main h1')).toContainText(receipt.reference);
  await expect(page.getByTestId('case-fields')).not.toContainText('王举报');

  await page.getByLabel('延长原因（举报人在查询页面可见）').fill('需要委托专业机构检测，办理期限延长30日。');
  await page.getByTestId('extend').click();
  await expect(page.getByTestId('case-due')).toContainText('已延长至');
  await expect(page.getByTestId('extend-form')).toHaveCount(0);

  for (const [status, label, reply] of [
    ['accepted', '已受理', '您的举报已受理，我们将安排核查。'],
    ['investigating', '核查中', '执法人员已到现场核查。'],
    ['substantiated', '经核查属实', '经核查属实，已依法立案处罚。'],
  ]) {
    await page.getByRole('radio', { name: label }).check();
    await page.getByLabel('答复举报人（举报人在查询页面可见）').fill(reply);
    await page.getByTestId('record-step').click();
    await expect(page.getByTestId('case-status')).toHaveText(label);
    await expect(page.getByTestId('case-history')).toContainText(reply);
  }

  await page.getByLabel('处罚决定编号（数字）').fill(String(decision.id));
  await page.getByTestId('link-decision').click();
  await expect(page.getByTestId('case-fields')).toContainText(`#${decision.id}`);

  await page.getByTestId('show-reporter').click();
  await expect(page.getByTestId('reporter')).toContainText('王举报');

  await page.getByRole('radio', { name: /按行政处罚金额的 15%/ }).check();
  await page.getByLabel('答复举报人（举报人在查询页面可见）').fill('决定给予举报奖励，请保持电话畅通。');
  await page.getByTestId('decide-reward').click();
  await expect(page.getByTestId('case-status')).toHaveText('已决定奖励');
  const reward = await page.getByTestId('case-reward').innerText();
  expect(reward).toMatch(/已决定奖励 \d+ 元/);

  await page.getByLabel('答复举报人（举报人在查询页面可见）').fill('奖励已发放，感谢您的举报。');
  await page.getByTestId('mark-paid').click();
  await expect(page.getByTestId('case-status')).toHaveText('奖励已发放');
  expect(problems).toEqual([]);

  // The citizen, with the receipt, sees every step and every reply.
  await open(page, '/report/status');
  await page.getByLabel('受理编号').fill(receipt.reference);
  await page.getByLabel('查询码').fill(receipt.query_code);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByTestId('status-current')).toHaveText('奖励已发放');
  const history = page.getByTestId('status-history');
  for (const text of ['已收到', '已受理', '核查中', '经核查属实', '已决定奖励', '奖励已发放',
    '需要委托专业机构检测，办理期限延长30日。', '执法人员已到现场核查。', '奖励已发放，感谢您的举报。']) {
    await expect(history).toContainText(text);
  }
});

/** An account of `role`, made by the administrator through the API; signs in and replaces the one-time password. */
async function staffMember(page: Page, info: TestInfo, base: string, role: string) {
  const username = unique(base, info);
  const session = await (await page.request.post('/api/staff/session', { data: { username: admin, password: adminPassword } })).json();
  const created = await page.request.post('/api/staff/accounts', {
    data: { username, display_name: '李编辑', role },
    headers: { 'x-csrf-token': session.csrf_token },
  });
  expect(created.status()).toBe(201);
  const { password } = await created.json();
  await page.request.delete('/api/staff/session', { headers: { 'x-csrf-token': session.csrf_token } });
  await signIn(page, username, password);
  await expect(page).toHaveURL(/\/staff\/password$/);
  await page.getByLabel('当前密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill('an editor own secret');
  await page.getByLabel('再次输入新密码').fill('an editor own secret');
  await page.getByTestId('save-password').click();
  await expect(page.getByTestId('password-changed')).toBeVisible();
  return username;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const HEADER = '行政处罚决定书文号,行政相对人名称,统一社会信用代码,法定代表人,违法行为类型,违法事实,违反条款,处罚依据,处罚类别,处罚内容,罚款金额（元）,没收违法所得、没收非法财物的金额（元）,处罚决定日期,公示截止期,处罚机关,区县,行业';

function decisionRow(number: string, party: string, fine: string) {
  return [number, party, '', '张三', '未按规定进行安全教育培训', '该单位未对从业人员进行安全生产教育和培训，现场不能提供培训记录。',
    '《中华人民共和国安全生产法》第二十八条第一款', '《中华人民共和国安全生产法》第九十七条第三项', '罚款', `罚款人民币${fine}元`,
    fine, '', '2026-11-01', '2029-11-01', '济南市应急管理局', '历下区', '危险化学品'].join(',');
}

async function upload(page: Page, csv: string) {
  await page.getByLabel('选择 CSV 或 Excel 文件').setInputFiles({ name: 'decisions.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') });
  await page.getByTestId('import').click();
}

test('an editor imports a CSV with a bad row, sees nothing imported, fixes it, imports, revokes one, and the public site shows both', async ({ page, problems }, info) => {
  const tag = `${info.project.name}${Date.now().toString(36)}`;
  const party = `济南导入${tag}化工有限公司`;
  const numbers = [`济应急罚〔2026〕${tag}1号`, `济应急罚〔2026〕${tag}2号`];
  await staffMember(page, info, 'editor', 'editor');
  await open(page, '/staff');
  await page.getByRole('link', { name: '处罚决定发布' }).click();
  await expect(page.locator('#main h1')).toHaveText('处罚决定发布');

  await upload(page, [HEADER, decisionRow(numbers[0], party, '20000'), decisionRow(numbers[1], party, '两万')].join('\n'));
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('没有导入任何决定');
  await expect(errors).toContainText('第 3 行');
  await expect(errors).toContainText('罚款金额（元）');
  await expect(errors).not.toContainText('第 2 行');
  const none = await (await page.request.get(`/api/decisions?q=${encodeURIComponent(party)}`)).json();
  expect(none.total).toBe(0);

  await upload(page, [HEADER, decisionRow(numbers[0], party, '20000'), decisionRow(numbers[1], party, '35000')].join('\n'));
  await expect(page.getByTestId('import-done')).toContainText('已导入并公开 2 条处罚决定');
  // What was published is listed, each with a link to its public page.
  const published = page.getByTestId('import-published').getByRole('link');
  await expect(published).toHaveText(numbers);
  await expect(published.first()).toHaveAttribute('href', /^\/enforcement\/decisions\/\d+$/);

  await open(page, `/enforcement/decisions?q=${encodeURIComponent(party)}`);
  await expect(page.getByTestId('result-count')).toContainText('2');
  await page.getByTestId('result-list').getByRole('link').first().click();
  await expect(page.getByTestId('decision-fields')).toBeVisible();
  const id = page.url().match(/\/(\d+)$/)?.[1] ?? '';

  await open(page, '/staff/decisions');
  await page.getByTestId('revoke-form').getByLabel('处罚决定编号（网址中的数字）').fill(id);
  await page.getByLabel('撤销理由（公开显示）').fill('经行政复议，原决定认定事实不清，予以撤销。');
  await page.getByTestId('revoke').click();
  // Nothing is sent before the editor confirms, seeing which decision it is.
  const confirm = page.getByTestId('revoke-confirm');
  await expect(confirm).toContainText('确定撤销这项处罚决定吗？');
  await expect(confirm).toContainText(party);
  await expect(confirm).toContainText(/济应急罚〔2026〕.+号/);
  await page.getByTestId('confirm-revoke').click();
  await expect(page.getByTestId('revoked')).toBeVisible();
  // The refused import is the one failed request the browser reports.
  expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);

  await page.getByTestId('revoked').getByRole('link').click();
  await expect(page.getByTestId('revoked-notice')).toContainText('经行政复议，原决定认定事实不清，予以撤销。');
  // A revocation is said once, not again as a correction.
  await expect(page.getByTestId('amended-notice')).toHaveCount(0);
});

test('an editor imports a CSV that Excel saved in GBK', async ({ page }, info) => {
  const tag = `${info.project.name}${Date.now().toString(36)}`;
  // The header, then 济应急罚〔2026〕<tag>号,济南编码导入<tag>有限公司,,张三,… (the row of
  // decisionRow with a fine of 20000), in GB18030 (GBK); the tag is ASCII, which GBK keeps.
  const gbk = (hex: string) => Buffer.from(hex, 'hex');
  const bytes = Buffer.concat([
    gbk(
    'd0d0d5feb4a6b7a3bef6b6a8cae9cec4bac52cd0d0d5fecfe0b6d4c8cbc3fbb3c62ccdb3d2bbc9e7bbe1d0c5d3c3b4fa' +
    'c2eb2cb7a8b6a8b4fab1edc8cb2ccea5b7a8d0d0ceaac0e0d0cd2ccea5b7a8cac2cab52ccea5b7b4ccf5bfee2cb4a6b7' +
    'a3d2c0bedd2cb4a6b7a3c0e0b1f02cb4a6b7a3c4dac8dd2cb7a3bfeebdf0b6eea3a8d4aaa3a92cc3bbcad5cea5b7a8cb' +
    'f9b5c3a1a2c3bbcad5b7c7b7a8b2c6ceefb5c4bdf0b6eea3a8d4aaa3a92cb4a6b7a3bef6b6a8c8d5c6da2cb9abcabebd' +
    'd8d6b9c6da2cb4a6b7a3bbfab9d82cc7f8cfd82cd0d0d2b50d0abcc3d3a6bcb1b7a3a1b232303236a1b3'),
    Buffer.from(tag, 'ascii'),
    gbk('bac52cbcc3c4cfb1e0c2ebb5bcc8eb'),
    Buffer.from(tag, 'ascii'),
    gbk(
    'd3d0cfdeb9abcbbe2c2cd5c5c8fd2cceb4b0b4b9e6b6a8bdf8d0d0b0b2c8abbdccd3fdc5e0d1b52cb8c3b5a5cebbceb4' +
    'b6d4b4d3d2b5c8cbd4b1bdf8d0d0b0b2c8abc9fab2fabdccd3fdbacdc5e0d1b5a3accfd6b3a1b2bbc4dccce1b9a9c5e0' +
    'd1b5bcc7c2bca1a32ca1b6d6d0bbaac8cbc3f1b9b2bacdb9fab0b2c8abc9fab2fab7a8a1b7b5dab6fecaaeb0cbccf5b5' +
    'dad2bbbfee2ca1b6d6d0bbaac8cbc3f1b9b2bacdb9fab0b2c8abc9fab2fab7a8a1b7b5dabec5caaec6dfccf5b5dac8fd' +
    'cfee2cb7a3bfee2cb7a3bfeec8cbc3f1b1d23230303030d4aa2c32303030302c2c323032362d31312d30312c32303239' +
    '2d31312d30312cbcc3c4cfcad0d3a6bcb1b9dcc0edbed62cc0facfc2c7f82ccea3cfd5bbafd1a7c6b70d0a'),
  ]);
  await staffMember(page, info, 'editor', 'editor');
  await open(page, '/staff/decisions');
  await page.getByLabel('选择 CSV 或 Excel 文件').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: bytes });
  await page.getByTestId('import').click();
  await expect(page.getByTestId('import-done')).toContainText('已导入并公开 1 条处罚决定');
  const found = await (await page.request.get(`/api/decisions?q=${encodeURIComponent(`济南编码导入${tag}有限公司`)}`)).json();
  expect(found.total).toBe(1);
});

test('an editor downloads a search as an Excel workbook and importing it again names each row already published', async ({ page, problems }, info) => {
  const tag = `${info.project.name}${Date.now().toString(36)}`;
  const party = `济南表格${tag}化工有限公司`;
  await staffMember(page, info, 'editor', 'editor');
  await open(page, '/staff/decisions');
  await upload(page, [HEADER, decisionRow(`济应急罚〔2026〕${tag}1号`, party, '20000')].join('\n'));
  await expect(page.getByTestId('import-done')).toContainText('已导入并公开 1 条处罚决定');

  await open(page, `/enforcement/decisions?q=${encodeURIComponent(party)}`);
  await expect(page.getByTestId('result-count')).toContainText('1');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/^penalty-decisions-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = readFileSync(await download.path());
  expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');

  await open(page, '/staff/decisions');
  await page.getByLabel('选择 CSV 或 Excel 文件').setInputFiles({ name: 'export.xlsx', mimeType: XLSX, buffer: workbook });
  await page.getByTestId('import').click();
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('第 2 行');
  await expect(errors).toContainText('已经公布过');
  // The refused import is the one failed request the browser reports.
  expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
});

test('a file named .xlsx that is not a workbook is refused with what to do', async ({ page }, info) => {
  await staffMember(page, info, 'editor', 'editor');
  await open(page, '/staff/decisions');
  await page.getByLabel('选择 CSV 或 Excel 文件').setInputFiles({ name: 'x.xlsx', mimeType: XLSX, buffer: Buffer.from(HEADER, 'utf-8') });
  await page.getByTestId('import').click();
  await expect(page.locator('#import-outcome')).toContainText('不是 .xlsx 工作簿');
});

test('a file that is neither UTF-8 nor GBK is refused once, with what to do', async ({ page }, info) => {
  await staffMember(page, info, 'editor', 'editor');
  await open(page, '/staff/decisions');
  await page.getByLabel('选择 CSV 或 Excel 文件').setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from([0xff, 0xfe, 0xff, 0x81, 0x30]) });
  await page.getByTestId('import').click();
  await expect(page.locator('#import-outcome')).toContainText('既不是 UTF-8 也不是 GBK');
});

test('an editor lists an enterprise and takes another off the list, and the public check follows', async ({ page, problems }, info) => {
  // The last of the listed leave (other tests read the first ones); one
  // enterprise off the list joins.
  type Listed = { enterprise: { credit_code: string } };
  const listed = (await (await page.request.get('/api/blacklist/listed')).json()).items as Listed[];
  const which = info.project.name === 'phone' ? 1 : 2;
  const leaving = listed[listed.length - which].enterprise.credit_code;
  const directory = (await (await page.request.get(`/api/enterprises?q=${encodeURIComponent('有限公司')}`)).json()) as { credit_code: string }[];
  const listedCodes = new Set(listed.map((l) => l.enterprise.credit_code));
  const joining = directory.filter((e) => !listedCodes.has(e.credit_code))[which].credit_code;

  await staffMember(page, info, 'lister', 'editor');
  await open(page, '/staff');
  await page.getByRole('link', { name: '黑名单管理' }).click();
  const add = page.getByTestId('add-listing');
  await add.getByLabel('统一社会信用代码').fill(joining);
  await add.getByLabel('纳入理由').fill('发生较大生产安全事故，对事故发生负有责任');
  await add.getByLabel('失信行为概要').fill('2026年10月该单位发生一起较大生产安全事故，造成3人死亡。');
  await add.getByLabel('列入情形').selectOption('repeated_larger_accidents');
  await add.getByLabel('纳入日期（YYYY-MM-DD）').fill('2026-11-01');
  await expect(page.getByTestId('term-ends')).toContainText('至 2029年11月1日 期满自动移出');
  await add.getByLabel('联合惩戒措施').fill('限制参与政府采购、限制取得政府补贴。');
  await page.getByTestId('list-enterprise').click();
  await expect(page.getByTestId('listing-done')).toContainText('已将');

  const remove = page.getByTestId('remove-listing');
  await remove.getByLabel('统一社会信用代码').fill(leaving);
  await remove.getByLabel('移出依据').selectOption('listed_in_error');
  await remove.getByLabel('移出理由').fill('列入所依据的事实认定有误，予以更正');
  await page.getByTestId('unlist-enterprise').click();
  await expect(page.getByTestId('listing-done').last()).toContainText('移出名单');
  expect(problems).toEqual([]);

  await open(page, `/blacklist?q=${joining}`);
  await expect(page.getByTestId('verdict')).toContainText('已列入');
  await expect(page.locator('#main')).toContainText('发生较大生产安全事故，对事故发生负有责任');
  await open(page, `/blacklist/enterprises/${leaving}`);
  await expect(page.locator('#main')).toContainText('列入所依据的事实认定有误，予以更正');
  await expect(page.getByTestId('removal-basis').first()).toContainText('列入有误，予以更正');
});

test('an editor who cancels a revocation leaves the decision as it was', async ({ page }, info) => {
  const tag = `${info.project.name}${Date.now().toString(36)}`;
  const party = `济南取消${tag}化工有限公司`;
  await staffMember(page, info, 'canceller', 'editor');
  await open(page, '/staff/decisions');
  await upload(page, [HEADER, decisionRow(`济应急罚〔2026〕${tag}8号`, party, '20000')].join('\n'));
  const link = page.getByTestId('import-published').getByRole('link');
  const id = ((await link.getAttribute('href')) ?? '').split('/').pop() ?? '';
  await page.getByTestId('revoke-form').getByLabel('处罚决定编号（网址中的数字）').fill(id);
  await page.getByLabel('撤销理由（公开显示）').fill('误操作');
  await page.getByTestId('revoke').click();
  await expect(page.getByTestId('revoke-confirm')).toContainText(party);
  await page.getByTestId('cancel-revoke').click();
  await expect(page.getByTestId('revoke-confirm')).toHaveCount(0);
  const decision = await (await page.request.get(`/api/decisions/${id}`)).json();
  expect(decision.revocation).toBeNull();
});

test('an editor corrects a decision and the public page shows the new version with what changed', async ({ page, problems }, info) => {
  const tag = `${info.project.name}${Date.now().toString(36)}`;
  const party = `济南更正${tag}化工有限公司`;
  await staffMember(page, info, 'corrector', 'editor');
  await open(page, '/staff/decisions');
  await upload(page, [HEADER, decisionRow(`济应急罚〔2026〕${tag}9号`, party, '20000')].join('\n'));
  await expect(page.getByTestId('import-done')).toBeVisible();
  const found = await (await page.request.get(`/api/decisions?q=${encodeURIComponent(party)}`)).json();
  const id = String(found.items[0].id);

  await page.getByTestId('edit-opener').getByLabel('处罚决定编号（网址中的数字）').fill(id);
  await page.getByTestId('open-edit').click();
  await expect(page).toHaveURL(new RegExp(`/staff/decisions/${id}/edit$`));
  await page.getByLabel('法定代表人').fill('李四');
  await page.getByLabel('更正理由（公开显示）').fill('更正法定代表人姓名的笔误');
  await page.getByTestId('save-correction').click();
  await expect(page.getByTestId('edit-done')).toContainText('第 2 版');
  expect(problems).toEqual([]);

  await page.getByTestId('edit-done').getByRole('link').click();
  const amended = page.getByTestId('amended-notice');
  await expect(amended).toContainText('更正法定代表人姓名的笔误');
  await expect(amended).toContainText('张三');
  await expect(amended).toContainText('李四');
  await expect(page.getByTestId('decision-fields')).toContainText('李四');
});

test('an editor changes an article with a preview, and nothing active in its Markdown reaches either page', async ({ page, problems }, info) => {
  const slug = info.project.name === 'phone' ? 'lift-safety' : 'metallurgy-molten-metal';
  const marker = `更新于${Date.now().toString(36)}`;
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
  await staffMember(page, info, 'writer', 'editor');
  await open(page, '/staff');
  await page.getByRole('link', { name: '安全知识文章' }).click();
  await page.getByTestId('article-admin-list').locator(`a[href="/staff/articles/${slug}"]`).click();
  const markdown = page.getByLabel('正文（Markdown，小节标题用 ##）');
  await expect(markdown).not.toHaveValue('');
  const text = await markdown.inputValue();
  await markdown.fill(`${text}\n\n## 新增一节\n\n${marker}。\n\n<script>window.__edited = 1</script><img src="x" onerror="window.__edited = 2">`);
  await page.getByLabel('审校日期（YYYY-MM-DD）').fill('2026-11-28');
  await page.getByTestId('preview').click();
  const preview = page.getByTestId('article-preview');
  await expect(preview).toContainText(marker);
  expect(await preview.locator('script, img').count()).toBe(0);
  await page.getByTestId('save-article').click();
  await expect(page.getByTestId('article-saved')).toBeVisible();
  expect(problems).toEqual([]);

  await open(page, `/education/articles/${slug}`);
  await expect(page.getByTestId('article-body')).toContainText(marker);
  await expect(page.getByTestId('toc')).toContainText('新增一节');
  expect(await page.getByTestId('article-body').locator('script, img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __edited?: number }).__edited)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

/** A date `days` from today in Jinan, as the date inputs take it. */
function isoDay(days: number) {
  const d = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test('an editor publishes a typical case that the public reads and follows to its decision', async ({ page, problems }, info) => {
  const title = `某公司违规动火作业被处罚${info.project.name}${Date.now().toString(36)}`;
  const decisions = await (await page.request.get('/api/decisions?page_size=1')).json();
  const decision = decisions.items[0];
  await staffMember(page, info, 'caser', 'editor');
  await open(page, '/staff');
  await page.getByRole('link', { name: '执法信息维护' }).click();
  await page.getByTestId('new-case').click();
  await page.getByTestId('save-case').click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('标题: 请填写');
  await summary.getByRole('link', { name: '标题: 请填写' }).click();
  await expect(page.getByLabel('标题')).toBeFocused();
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('摘要').fill('企业未办理动火作业审批，被依法处罚。');
  await page.getByLabel('案情').fill('执法人员检查发现该企业违规动火。\n\n企业已停止作业并整改。');
  await page.getByLabel('案例警示').fill('动火作业必须先审批、先检测。');
  await page.getByLabel('违反的规定').fill('《中华人民共和国安全生产法》第四十三条');
  await page.getByLabel('相关处罚决定编号').fill(String(decision.id));
  await page.getByTestId('save-case').click();
  await expect(page.getByTestId('saved')).toBeVisible();
  // The new case moved to its own edit page: saving again updates it.
  await expect(page).toHaveURL(/\/staff\/enforcement\/cases\/\d+\?saved$/);
  const again = page.waitForResponse((r) => r.url().includes('/api/staff/exposed-cases/') && r.request().method() === 'PUT');
  await page.getByTestId('save-case').click();
  expect((await again).status()).toBe(200);
  const published = await (await page.request.get('/api/exposed-cases')).json();
  expect(published.items.filter((c: { title: string }) => c.title === title)).toHaveLength(1);
  await page.getByTestId('saved').getByRole('link').click();
  await expect(page.locator('#main h1')).toHaveText(title);
  await expect(page.getByTestId('case-learn')).toContainText('第四十三条');
  await page.getByTestId('case-decisions').getByRole('link', { name: decision.decision_no }).click();
  await expect(page.getByTestId('decision-number')).toHaveText(decision.decision_no);
  expect(problems).toEqual([]);
});

test('an editor lists a major hazard and moves it to its next step, which the public sees', async ({ page, problems }, info) => {
  const hazard = `储罐区未设置紧急切断装置${info.project.name}${Date.now().toString(36)}`;
  const listings = await (await page.request.get('/api/hazard-listings')).json();
  const code = listings.items[0].credit_code;
  await staffMember(page, info, 'lister2', 'editor');
  await open(page, '/staff/enforcement');
  await page.getByTestId('new-listing').click();
  await page.getByLabel('企业统一社会信用代码').fill(code);
  await page.getByLabel('重大事故隐患', { exact: true }).fill(hazard);
  await page.getByLabel('隐患情况').fill('液化烃储罐进出口管道未设置紧急切断装置。');
  await page.getByLabel('整改要求').fill('限期加装紧急切断装置并接入控制系统。');
  await page.getByLabel('整改期限').fill(isoDay(-5));
  await page.getByTestId('save-listing').click();
  await expect(page.getByTestId('error-summary')).toContainText('整改期限: 应晚于挂牌日期');
  await page.getByLabel('整改期限').fill(isoDay(90));
  await page.getByTestId('save-listing').click();
  await expect(page.getByTestId('saved')).toBeVisible();
  const href = await page.getByTestId('saved').getByRole('link').getAttribute('href');
  const id = href?.split('/').pop();
  await open(page, `/staff/enforcement/listings/${id}`);
  await expect(page.getByTestId('current-status')).toHaveText('挂牌督办');
  await page.getByLabel('说明（公开）').fill('企业已制定整改方案并停用罐区。');
  await page.getByTestId('add-step').click();
  await expect(page.getByTestId('current-status')).toHaveText('整改中');
  await expect(page.getByTestId('step-recorded')).toContainText('整改中');
  const record = page.getByTestId('listing-record');
  await expect(record).toContainText(hazard);
  await expect(record.locator('li')).toHaveCount(2);
  await open(page, `/enforcement/listings/${id}`);
  await expect(page.locator('#main h1')).toHaveText(hazard);
  const steps = page.getByTestId('listing-steps').locator('li');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(1)).toContainText('企业已制定整改方案并停用罐区。');
  expect(problems).toEqual([]);
});

test('an editor reaches every listing through the pages of the list', async ({ page }, info) => {
  const total = (await (await page.request.get('/api/hazard-listings')).json()).total;
  expect(total).toBeGreaterThan(20);
  await staffMember(page, info, 'pager', 'editor');
  await open(page, '/staff/enforcement');
  const listings = page.locator('section[aria-labelledby="admin-listings"]');
  await expect(listings.locator('.admin-list li')).toHaveCount(20);
  await listings.getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(/listings=2/);
  await expect(listings.locator('.admin-list li')).toHaveCount(Math.min(total - 20, 20));
});

test('an editor publishes an accident report and a correction, which the public history shows beside the first version', async ({ page, problems }, info) => {
  const title = `某仓储公司“6·1”火灾事故调查报告${info.project.name}${Date.now().toString(36)}`;
  await staffMember(page, info, 'reporter', 'editor');
  await open(page, '/staff/enforcement');
  await page.getByTestId('new-accident').click();
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('事故发生日期').fill(isoDay(-200));
  await page.getByLabel('发布日期').fill(isoDay(-30));
  await page.getByLabel('受伤人数').fill('2');
  await page.getByLabel('直接经济损失（元）').fill('860000');
  await page.getByLabel('调查单位').fill('济南市天桥区人民政府事故调查组');
  for (const [chapter, text] of [['事故基本情况和经过', '仓库电气线路短路引燃货物。'], ['事故原因', '电气线路老化。'],
    ['技术分析', '线路绝缘层破损。'], ['管理问题', '未定期检查电气线路。'], ['责任认定及处理建议', '对企业依法处罚。'],
    ['防范和整改措施', '（一）更换老化线路。']] as const) {
    await page.getByLabel(chapter).fill(text);
  }
  await page.getByTestId('save-accident').click();
  await expect(page.getByTestId('saved')).toBeVisible();
  const href = await page.getByTestId('saved').getByRole('link').getAttribute('href');
  const id = href?.split('/').pop();
  await open(page, `/staff/enforcement/accidents/${id}`);
  await page.getByLabel('防范和整改措施').fill('（一）更换老化线路。\n\n（二）每月检查电气线路。');
  await page.getByTestId('save-accident').click();
  await expect(page.getByTestId('error-summary')).toContainText('修改说明（公开）: 请填写');
  await page.getByLabel('修改说明（公开）').fill('补充第（二）项整改措施');
  await page.getByTestId('save-accident').click();
  await expect(page.getByTestId('saved')).toBeVisible();
  await open(page, `/enforcement/accidents/${id}`);
  const history = page.getByTestId('history').locator('li');
  await expect(history).toHaveCount(2);
  await expect(history.nth(1)).toContainText('补充第（二）项整改措施');
  await expect(page.getByTestId('report-text')).toContainText('每月检查电气线路');
  await expect(page.getByTestId('assessment-pending')).toBeVisible();
  await history.first().getByRole('link').click();
  await expect(page.getByTestId('report-text')).not.toContainText('每月检查电气线路');
  expect(problems).toEqual([]);
});
