import { test, expect, open, routes } from './fixtures';

test('the home page shows live figures from the API', async ({ page, problems }) => {
  await open(page, '/');
  await expect(page.getByTestId('figure-decisions')).toHaveText(/^[\d,]+ 件$/);
  await expect(page.getByTestId('figure-blacklisted')).toHaveText(/^[\d,]+ 家$/);
  await expect(page.getByTestId('figure-enterprises')).toHaveText('600 家');
  expect(problems).toEqual([]);
});

test('the home page says plainly that the records are demo data', async ({ page }) => {
  await open(page, '/');
  await expect(page.getByTestId('demo-banner')).toContainText('演示数据');
});

test('a page that fails to load offers a retry that works', async ({ page }) => {
  // The home page arrives with its figures; going back to it from another
  // page asks the server for it, and that first request fails.
  let calls = 0;
  await page.route('**/*', async (route) => {
    const request = route.request();
    if (request.headers()['x-portal-fragment'] && new URL(request.url()).pathname === '/') {
      calls += 1;
      if (calls === 1) return route.abort('internetdisconnected');
    }
    return route.continue();
  });
  await open(page, '/enforcement');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '首页', exact: true }).click();
  const notice = page.getByTestId('error-notice');
  await expect(notice).toContainText('无法连接服务器');
  await notice.getByRole('button', { name: '重试' }).click();
  await expect(page.getByTestId('figure-decisions')).toHaveText(/^[\d,]+ 件$/);
  expect(calls).toBe(2);
});

const parts = [
  { path: '/enforcement', link: '执法信息公开', heading: '执法信息公开' },
  { path: '/report', link: '隐患举报', heading: '举报安全生产事故隐患' },
  { path: '/education', link: '安全宣传教育', heading: '安全宣传教育' },
  { path: '/blacklist', link: '黑名单查询', heading: '黑名单查询' },
];

for (const { path, link, heading } of parts) {
  test(`the navigation reaches ${path}, titles it and moves focus to its heading`, async ({ page, problems }) => {
    await open(page, '/');
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('link', { name: link, exact: true }).click();
    await expect(page).toHaveURL(path);
    const h1 = page.locator('#main h1');
    await expect(h1).toHaveText(heading);
    await expect(h1).toBeFocused();
    await expect(page).toHaveTitle(`${link} - 济南市安全生产公众服务平台`);
    await expect(nav.getByRole('link', { name: link, exact: true })).toHaveAttribute('aria-current', 'page');
    expect(problems).toEqual([]);
  });
}

test('reloading a deep link lands on the same page', async ({ page }) => {
  await open(page, '/blacklist');
  await page.reload();
  await expect(page.locator('#main h1')).toHaveText('黑名单查询');
  await expect(page).toHaveURL('/blacklist');
});

test('an unknown address shows the 404 page with a way home', async ({ page }) => {
  await open(page, '/no/such/page');
  await expect(page.locator('#main h1')).toHaveText('页面未找到');
  await expect(page).toHaveTitle('页面未找到 - 济南市安全生产公众服务平台');
  await page.getByRole('link', { name: '返回首页' }).click();
  await expect(page).toHaveURL('/');
});

test('the language switch changes the text and is remembered after a reload', async ({ page }) => {
  await open(page, '/enforcement');
  await page.getByTestId('language-switch').click();
  await expect(page.locator('#main h1')).toHaveText('Enforcement');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Enforcement - Jinan Work Safety Public Portal');
  await page.reload();
  await expect(page.locator('#main h1')).toHaveText('Enforcement');
  await page.getByTestId('language-switch').click();
  await expect(page.locator('#main h1')).toHaveText('执法信息公开');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('the large-text mode enlarges the text and is remembered', async ({ page }) => {
  await open(page, '/');
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const before = await size();
  await page.getByTestId('large-text-switch').click();
  await expect(page.locator('html')).toHaveClass(/large-text/);
  expect(await size()).toBeGreaterThan(before);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/large-text/);
});

test('the first Tab reaches the skip link, which moves to the content', async ({ page }) => {
  await open(page, '/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到主要内容' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
});

test('every part is reachable with the keyboard alone', async ({ page }) => {
  await open(page, '/');
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('link', { name: '隐患举报', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/report');
  await expect(page.locator('#main h1')).toBeFocused();
});

test('a decision search, a decision and an article read without JavaScript', async ({ browser }, info) => {
  // What a crawler, a link preview or a phone with scripts off receives.
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: info.project.use.baseURL });
  const page = await context.newPage();
  await page.goto('/enforcement/decisions?q=%E5%9F%B9%E8%AE%AD');
  await expect(page.locator('#main h1')).toHaveText('行政处罚决定');
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-q', '培训');
  const first = page.getByTestId('result-list').getByRole('link').first();
  const party = await first.innerText();
  await first.click();
  await expect(page.locator('#main h1')).toHaveText(party);
  await expect(page).toHaveTitle(`${party} - 济南市安全生产公众服务平台`);
  await expect(page.getByTestId('decision-fields')).toContainText('处罚依据');
  await page.goto('/education/articles/cpr');
  await expect(page.getByTestId('article-body')).toContainText('胸外按压');
  await context.close();
});
