// Logging in, the dashboard, and the skip link for keyboard users.
const { test, expect, openMenu, PEOPLE } = require('./fixtures');

test('the login page is German by default and the dashboard greets the user by name', async ({ logIn, page, a11y }) => {
  const response = await page.goto('/');
  expect(response.status()).toBe(200);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.locator('h1')).toHaveText('Anmelden');
  await a11y.check();

  await logIn(page, 'admin');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.locator('h1')).toHaveText('Übersicht');
  await expect(page.locator('main .lead')).toHaveText(`Willkommen, ${PEOPLE.admin}`);
  await expect(page.locator('.site-header .who')).toContainText(PEOPLE.admin);
  await openMenu(page);
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
  await a11y.check();
});

test('a wrong password is refused with a message tied to the field', async ({ logIn, page, a11y }) => {
  await page.goto('/login');
  await a11y.check();
  await page.locator('#email').fill('admin@demo.standort.example');
  await page.locator('#password').fill('not-the-password');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator('form[action="/login"] button[type=submit]').click(),
  ]);
  expect(response.status()).toBe(401);
  await page.waitForLoadState('load');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('#login-error')).toBeVisible();
  await expect(page.locator('#email')).toHaveAttribute('aria-invalid', 'true');
  await a11y.check();
});

for (const where of ['/login', '/dashboard']) {
  test(`keyboard: the first Tab on ${where} reaches the skip link, which moves focus to main`, async ({ logIn, page, a11y }) => {
    if (where === '/login') await page.goto(where);
    else await logIn(page, 'staff');
    await a11y.check();
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip-link');
    await expect(skip).toBeFocused();
    await expect(skip).toHaveAttribute('href', '#content');
    await expect(skip).toHaveText('Zum Inhalt springen');
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#content')).toBeFocused();
    await expect(page).toHaveURL(/#content$/);
  });
}
