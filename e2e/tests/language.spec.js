// The language: Accept-Language before any choice, the selector, and the choice remembered
// (cookie across pages and page loads; on the account for the next login).
const { test, expect, chooseLanguage, PEOPLE } = require('./fixtures');

test('Accept-Language vi on a fresh context gives Vietnamese before any choice', async ({ logIn, browser, server, a11y }) => {
  // `locale` sets Chromium's Accept-Language (it wins over extraHTTPHeaders).
  const context = await browser.newContext({ baseURL: server.url, locale: 'vi' });
  const page = await context.newPage();
  a11y.watch(page);
  const response = await page.goto('/login');
  expect(await response.request().headerValue('accept-language')).toBe('vi');
  expect(response.headers()['content-language']).toBe('vi');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.locator('h1')).toHaveText('Đăng nhập');
  await expect(page.locator('#language-select')).toHaveValue('vi');
  await a11y.check(page);
  await context.close();
});

test('Accept-Language en gives English, and an unknown language the German default', async ({ logIn, browser, server, page, a11y }) => {
  const context = await browser.newContext({ baseURL: server.url, locale: 'en-GB' });
  const en = await context.newPage();
  a11y.watch(en);
  const response = await en.goto('/login');
  expect(await response.request().headerValue('accept-language')).toBe('en-GB');
  await expect(en.locator('html')).toHaveAttribute('lang', 'en');
  await expect(en.locator('h1')).toHaveText('Log in');
  await a11y.check(en);
  await context.close();

  // The default page sends Accept-Language fr-FR (playwright.config.js).
  const fr = await page.goto('/login');
  expect(await fr.request().headerValue('accept-language')).toMatch(/^fr-FR/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await a11y.check();
});

test('the selector switches to English and Vietnamese; the choice is remembered across pages and loads', async ({ logIn, page, browser, server, a11y }) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await a11y.check();

  // Before login: the choice is a cookie, and the way back leads to the same page.
  await chooseLanguage(page, 'en');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('h1')).toHaveText('Log in');
  await a11y.check();

  await logIn(page, 'staff');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main .lead')).toHaveText(`Welcome, ${PEOPLE.staff}`);
  await a11y.check();

  await page.getByRole('link', { name: 'Organisations' }).first().click();
  await expect(page).toHaveURL(/\/organisations$/);
  await expect(page.locator('h1')).toHaveText('Organisations');
  await a11y.check();

  // Logged in: the choice also goes on the account.
  await chooseLanguage(page, 'vi');
  await expect(page).toHaveURL(/\/organisations$/);
  await expect(page.locator('h1')).toHaveText('Tổ chức');
  await expect(page.locator('#language-select')).toHaveValue('vi');
  await a11y.check();

  await page.goto('/account');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.locator('h1')).toHaveText('Tài khoản của tôi');
  await a11y.check();

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await a11y.check();

  const second = await page.context().newPage();
  a11y.watch(second);
  await second.goto('/dashboard');
  await expect(second.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(second.locator('main .lead')).toHaveText(`Xin chào, ${PEOPLE.staff}`);
  await a11y.check(second);
  await second.close();

  // A new browser without the cookie: German before login, the account's Vietnamese after.
  const fresh = await browser.newContext({ baseURL: server.url });
  const other = await fresh.newPage();
  a11y.watch(other);
  await other.goto('/login');
  await expect(other.locator('html')).toHaveAttribute('lang', 'de');
  await a11y.check(other);
  await logIn(other, 'staff');
  await expect(other.locator('html')).toHaveAttribute('lang', 'vi');
  await a11y.check(other);
  await fresh.close();

  // And back to German with the selector.
  await chooseLanguage(page, 'de');
  await expect(page.locator('h1')).toHaveText('Mein Konto');
  await a11y.check();
});
