// The staff workspace as staff meet it: the first administrator (made by
// the server's command before the tests) creates accounts; each new person
// signs in with a one-time password and must change it first.
import { test, expect, open } from './fixtures';
import type { Page, TestInfo } from '@playwright/test';

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
  await page.getByLabel('操作', { exact: true }).selectOption('account.create');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/action=account\.create/);
  const entry = page.getByTestId('audit-entry').filter({ hasText: editor });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(admin);
  await expect(entry).toContainText('钱审计');
  expect(problems).toEqual([]);
});
