// Safety education as a reader meets it: topics, search, articles (with
// contents and print), quizzes taken with the keyboard alone, links from
// penalty decisions, and an article whose Markdown is hostile.
import { test, expect, open } from './fixtures';
import type { Page } from '@playwright/test';

/** Presses Tab until the element with `id` has focus (at most `limit` times). */
async function tabTo(page: Page, id: string, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

test('a topic lists its articles and its quiz', async ({ page, problems }) => {
  await open(page, '/education');
  await page.getByTestId('topics').getByRole('link', { name: /燃气/ }).click();
  await expect(page).toHaveURL(/\/education\/topics\/gas$/);
  await expect(page.locator('#main h1')).toHaveText('燃气');
  const articles = page.getByTestId('article-list').getByRole('listitem');
  await expect(articles.first()).toBeVisible();
  for (const meta of await articles.locator('.result__meta').allInnerTexts()) {
    expect(meta).toContain('燃气');
  }
  await expect(page.getByTestId('quiz-list')).toContainText('燃气安全自测');
  expect(problems).toEqual([]);
});

test('a two-character word finds articles and marks it in their excerpts', async ({ page, problems }) => {
  await open(page, '/education');
  await page.getByLabel('搜索安全知识').fill('窒息');
  await page.getByLabel('搜索安全知识').press('Enter');
  await expect(page).toHaveURL(/\/education\/search\?q=%E7%AA%92%E6%81%AF$/);
  const results = page.getByTestId('article-list').getByRole('listitem');
  await expect(results.first()).toBeVisible();
  expect(await results.count()).toBeGreaterThan(0);
  await expect(results.first().locator('mark').first()).toHaveText('窒息');

  await page.reload();
  await expect(page.getByLabel('搜索安全知识')).toHaveValue('窒息');
  await expect(results.first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('an article shows its reading time, review date and contents, and a contents link moves focus', async ({ page, problems }) => {
  await open(page, '/education/articles/confined-spaces');
  await expect(page.locator('#main h1')).toContainText('有限空间');
  await expect(page.getByTestId('reading-time')).toHaveText(/阅读约 \d+ 分钟/);
  await expect(page.getByTestId('reviewed')).toHaveText(/最近审校：\d{4}年\d{1,2}月\d{1,2}日/);
  const contents = page.getByTestId('toc').getByRole('link');
  expect(await contents.count()).toBeGreaterThanOrEqual(3);

  const third = contents.nth(2);
  const heading = await third.innerText();
  await third.focus();
  await page.keyboard.press('Enter');
  const focused = page.locator(':focus');
  await expect(focused).toHaveText(heading);
  await expect(focused).toBeInViewport();
  await expect(page.getByRole('heading', { name: '相关文章' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('an article prints without navigation, contents or buttons, and with its address', async ({ page }) => {
  await open(page, '/education/articles/confined-spaces');
  await expect(page.getByTestId('toc')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden();
  await expect(page.getByTestId('toc')).toBeHidden();
  await expect(page.getByTestId('print-article')).toBeHidden();
  await expect(page.getByTestId('article-body')).toBeVisible();
  await expect(page.locator('.article__address')).toHaveText(page.url());
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(4);
});

test('a quiz is taken with the keyboard alone, names the unanswered questions, and scores every answer', async ({ page, problems }) => {
  const quiz = await (await page.request.get('/api/education/quizzes/work-safety-law')).json();
  const questions: { multiple: boolean; answer: number[]; options: string[] }[] = quiz.questions;
  await open(page, '/education/quizzes/work-safety-law');

  // Submitting at once lists every question, and focus goes to that list.
  await tabTo(page, 'question-1-option-1');
  await tabTo(page, 'quiz-submit');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quiz-unanswered')).toContainText(`还有 ${questions.length} 道题没有作答`);
  // Focus moves in the frame after the list is drawn.
  await expect.poll(() => focusedId(page)).toBe('quiz-missing');

  // Answer every question right, from the keyboard.
  await tabTo(page, 'question-1-option-1');
  for (const [index, question] of questions.entries()) {
    const n = index + 1;
    if (question.multiple) {
      for (let option = 0; option < question.options.length; option++) {
        expect(await focusedId(page)).toBe(`question-${n}-option-${option + 1}`);
        if (question.answer.includes(option)) await page.keyboard.press('Space');
        await page.keyboard.press('Tab');
      }
    } else {
      expect(await focusedId(page)).toBe(`question-${n}-option-1`);
      await page.keyboard.press('Space');
      for (let step = 0; step < question.answer[0]; step++) await page.keyboard.press('ArrowDown');
      await expect(page.locator(`#question-${n}-option-${question.answer[0] + 1}`)).toBeChecked();
      await page.keyboard.press('Tab');
    }
  }
  await expect(page.getByTestId('quiz-unanswered')).toBeHidden();
  expect(await focusedId(page)).toBe('quiz-submit');
  await page.keyboard.press('Enter');

  const score = page.getByTestId('quiz-score');
  await expect(score).toContainText(`答对 ${questions.length} 题，共 ${questions.length} 题`);
  await expect(score).toHaveAttribute('role', 'status');
  await expect.poll(() => focusedId(page)).toBe('quiz-score');
  for (let n = 1; n <= questions.length; n++) {
    const feedback = page.getByTestId(`feedback-${n}`);
    await expect(feedback).toContainText('回答正确');
    await expect(feedback).toContainText('解析');
    await expect(feedback).toContainText(/依据：.*《.+》/);
  }
  expect(problems).toEqual([]);
});

test('a wrong answer is shown as wrong, in words, with the right one', async ({ page }) => {
  await open(page, '/education/quizzes/work-safety-law');
  const count = await page.locator('.quiz__question').count();
  for (let n = 1; n <= count; n++) await page.locator(`#question-${n}-option-2`).check();
  await page.getByTestId('quiz-submit').click();
  await expect(page.getByTestId('quiz-score')).toBeVisible();
  const first = page.getByTestId('feedback-1');
  await expect(first).toContainText('回答错误');
  await expect(first).toContainText('正确答案：A.');
  await expect(page.locator('#question-1').getByText('你选了这项，但它不对')).toBeVisible();

  await page.getByTestId('quiz-retry').click();
  await expect(page.getByTestId('quiz-score')).toBeHidden();
  await expect(page.locator('#question-1-option-2')).not.toBeChecked();
  await expect(page.locator('#question-1-option-1')).toBeFocused();
});

test('a penalty decision leads to the education page about the rule it applied', async ({ page, problems }) => {
  await open(page, '/enforcement/decisions?q=%E5%9F%B9%E8%AE%AD');
  await page.getByTestId('result-list').getByRole('link').first().click();
  await expect(page.getByTestId('decision-fields')).toBeVisible();
  const learn = page.getByTestId('learn-provisions').getByRole('link').first();
  const label = await learn.innerText();
  const citation = label.replace(/^学习/, '');
  await learn.click();
  await expect(page).toHaveURL(/\/education\/provision\?law=.+&article=\d+$/);
  await expect(page.locator('#main h1')).toHaveText(citation);
  const article = page.getByTestId('article-list').getByRole('link').first();
  await article.click();
  await expect(page.getByTestId('article')).toBeVisible();
  await expect(page.locator('.article__provisions')).toContainText(citation);
  expect(problems).toEqual([]);
});

test('a script or onerror in an article\'s Markdown never reaches the page', async ({ page, problems }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await open(page, '/education/articles/hostile-markup');
  const body = page.getByTestId('article-body');
  await expect(body).toContainText('数学标记之后的段落。');
  await expect(body).toContainText('正文最后一段');
  await expect(body).toContainText('可以点击的段落');
  await body.getByText('可以点击的段落').click();
  await body.getByText('危险链接').click();

  expect(await body.locator('script, style, iframe, img, object, embed').count()).toBe(0);
  const attributes = await body.evaluate((root) =>
    [...root.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes].map((a) => `${element.tagName.toLowerCase()} ${a.name}=${a.value}`)));
  expect(attributes.filter((a) => /^\S+ on/.test(a) || /javascript:/i.test(a) || /style=/.test(a))).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __hostile?: string }).__hostile)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(requested.filter((url) => url.includes('evil.example'))).toEqual([]);
  await expect(page.locator('body')).toBeVisible();
  expect(problems).toEqual([]);
});
