// axe-core on every route, in both languages and in large-text mode, at the
// size of the project (phone or desktop): zero violations of WCAG 2.2 A/AA.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, open, routes } from './fixtures';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function violations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

for (const { path } of routes) {
  test(`${path} has no accessibility violations`, async ({ page }) => {
    await open(page, path);
    if (path === '/') await expect(page.getByTestId('figures')).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}

test('the home page in English has no accessibility violations', async ({ page }) => {
  await open(page, '/');
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('figures')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the home page in large-text mode has no accessibility violations', async ({ page }) => {
  await open(page, '/');
  await page.getByTestId('large-text-switch').click();
  await expect(page.getByTestId('figures')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the decision search with results has no accessibility violations', async ({ page }) => {
  await open(page, '/enforcement/decisions?q=%E5%9F%B9%E8%AE%AD');
  await expect(page.getByTestId('result-list')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('a decision has no accessibility violations', async ({ page }) => {
  await open(page, '/enforcement/decisions');
  await page.getByTestId('result-list').getByRole('link').first().click();
  await expect(page.getByTestId('decision-fields')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

for (const path of ['/report/new?step=what', '/report/new?step=where', '/report/new?step=enterprise', '/report/new?step=when',
  '/report/new?step=description', '/report/new?step=photos', '/report/new?step=who', '/report/new?step=check',
  '/report/status', '/report/rewards', '/report/receipt']) {
  test(`${path} has no accessibility violations`, async ({ page }) => {
    await open(page, path);
    expect(await violations(page)).toEqual([]);
  });
}

test('a step with errors has no accessibility violations', async ({ page }) => {
  await open(page, '/report/new?step=where');
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('error-summary')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

for (const path of ['/blacklist/list', '/blacklist/verify', '/blacklist/batch', '/blacklist?q=%E6%B5%8E%E5%8D%97',
  '/blacklist?q=914403001922038217', '/blacklist/verify?code=nonsense', '/blacklist/repair',
  '/blacklist/repair/status']) {
  test(`${path} has no accessibility violations`, async ({ page }) => {
    await open(page, path);
    await page.waitForLoadState('networkidle');
    expect(await violations(page)).toEqual([]);
  });
}

test('the credit repair form with every problem named has no accessibility violations', async ({ page }) => {
  await open(page, '/blacklist/repair');
  await page.getByTestId('repair-submit').click();
  await expect(page.getByTestId('error-summary')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('an enterprise page has no accessibility violations', async ({ page }) => {
  await open(page, '/blacklist/list');
  await page.getByTestId('listed').getByRole('heading').first().getByRole('link').click();
  await expect(page.getByTestId('verdict')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

for (const path of ['/education/topics/gas', '/education/search?q=%E7%AA%92%E6%81%AF', '/education/articles/confined-spaces',
  '/education/quizzes/work-safety-law', '/education/provision?law=%E5%AE%89%E5%85%A8%E7%94%9F%E4%BA%A7%E6%B3%95&article=28']) {
  test(`${path} has no accessibility violations`, async ({ page }) => {
    await open(page, path);
    await page.waitForLoadState('networkidle');
    expect(await violations(page)).toEqual([]);
  });
}

test('an article in English has no accessibility violations', async ({ page }) => {
  await open(page, '/education/articles/confined-spaces');
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('toc')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('a quiz with unanswered questions, and a scored quiz, have no accessibility violations', async ({ page }) => {
  await open(page, '/education/quizzes/work-safety-law');
  await page.getByTestId('quiz-submit').click();
  await expect(page.getByTestId('quiz-unanswered')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  const count = await page.locator('.quiz__question').count();
  for (let n = 1; n <= count; n++) await page.locator(`#question-${n}-option-1`).check();
  await page.getByTestId('quiz-submit').click();
  await expect(page.getByTestId('quiz-score')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the staff sign-in page, with its errors, has no accessibility violations', async ({ page }) => {
  await open(page, '/staff/sign-in');
  expect(await violations(page)).toEqual([]);
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('error-summary')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the staff workspace, accounts, audit log and password pages have no accessibility violations', async ({ page }) => {
  await open(page, '/staff/sign-in');
  await page.getByLabel('用户名').fill(process.env.E2E_ADMIN ?? 'admin');
  await page.getByLabel('密码', { exact: true }).fill(process.env.E2E_ADMIN_PASSWORD ?? '');
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('work-list')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  for (const [path, ready] of [['/staff/accounts', 'accounts'], ['/staff/audit', 'audit-log'], ['/staff/password', 'save-password']]) {
    await open(page, path);
    await expect(page.getByTestId(ready)).toBeVisible();
    expect(await violations(page), path).toEqual([]);
  }
});

test('the case queue and a case page have no accessibility violations', async ({ page }, info) => {
  const admin = process.env.E2E_ADMIN ?? 'admin';
  const session = await (await page.request.post('/api/staff/session', {
    data: { username: admin, password: process.env.E2E_ADMIN_PASSWORD ?? '' },
  })).json();
  const username = `a11y-${info.project.name}-${Date.now().toString(36)}`;
  const created = await (await page.request.post('/api/staff/accounts', {
    data: { username, display_name: '无障碍', role: 'case-handler' },
    headers: { 'x-csrf-token': session.csrf_token },
  })).json();
  const handler = await (await page.request.post('/api/staff/session', {
    data: { username, password: created.password },
  })).json();
  await page.request.put('/api/staff/password', {
    data: { current: created.password, new: 'accessible long secret' },
    headers: { 'x-csrf-token': handler.csrf_token },
  });
  const seen = new Date(Date.now() + 6 * 3600_000).toISOString().slice(0, 16);
  const receipt = await (await page.request.post('/api/reports', {
    data: { category: 'fire', district: 'lixia', address: '经十路100号', seen_at: seen,
      description: '安全出口被上锁，疏散通道堆满货物。', photos: [], reporter: { kind: 'named', name: '王举报', phone: '13912345678' } },
  })).json();
  await open(page, '/staff/reports');
  await expect(page.getByTestId('case-list')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await open(page, `/staff/reports/${receipt.reference}`);
  await expect(page.getByTestId('status-form')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the editor pages have no accessibility violations', async ({ page }, info) => {
  test.slow(); // eight pages, each analysed in full
  const session = await (await page.request.post('/api/staff/session', {
    data: { username: process.env.E2E_ADMIN ?? 'admin', password: process.env.E2E_ADMIN_PASSWORD ?? '' },
  })).json();
  const username = `a11y-ed-${info.project.name}-${Date.now().toString(36)}`;
  const created = await (await page.request.post('/api/staff/accounts', {
    data: { username, display_name: '无障碍编辑', role: 'editor' },
    headers: { 'x-csrf-token': session.csrf_token },
  })).json();
  const editor = await (await page.request.post('/api/staff/session', {
    data: { username, password: created.password },
  })).json();
  await page.request.put('/api/staff/password', {
    data: { current: created.password, new: 'accessible editor secret' },
    headers: { 'x-csrf-token': editor.csrf_token },
  });
  const decision = (await (await page.request.get('/api/decisions')).json()).items[0].id;
  for (const [path, ready] of [['/staff/decisions', 'import-form'], ['/staff/blacklist', 'add-listing'],
    [`/staff/decisions/${decision}/edit`, 'edit-form'], ['/staff/articles', 'article-admin-list'],
    ['/staff/articles/cpr', 'article-form'], ['/staff/enforcement', 'new-case'],
    ['/staff/enforcement/listings/1', 'listing-form'], ['/staff/enforcement/accidents/1', 'assessment-form']]) {
    await open(page, path);
    await expect(page.getByTestId(ready)).toBeVisible();
    expect(await violations(page), path).toEqual([]);
  }
  // A form with its error summary and the messages beside its fields.
  await open(page, '/staff/enforcement/cases/new');
  await page.getByTestId('save-case').click();
  await expect(page.getByTestId('error-summary')).toBeVisible();
  expect(await violations(page), 'case form with errors').toEqual([]);
});
