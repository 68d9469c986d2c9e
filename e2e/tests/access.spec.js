// Scope and permissions as a person meets them: another organisation's page and a page of a
// feature the role does not have are both "not found", the same answer as for an id nobody has.
const { test, expect } = require('./fixtures');

// Reads, and refused writes that change nothing: the worker's server.
test.use({ shareServer: true });

const CLINIC = 'Städtisches Klinikum St. Georg (Demo)';
const OWN = 'Leipziger Verkehrsbetriebe (Demo)';

test('the employer is refused another organisation’s page and the user admin, both as not found (404)', async ({ logIn, page, browser, server, a11y }) => {
  // The clinic's id, as the admin sees it.
  const adminContext = await browser.newContext({ baseURL: server.url });
  const admin = await adminContext.newPage();
  a11y.watch(admin);
  await logIn(admin, 'admin');
  await a11y.check(admin);
  await admin.goto('/organisations');
  await a11y.check(admin);
  const clinicHref = await admin.getByRole('link', { name: CLINIC }).getAttribute('href');
  expect(clinicHref).toMatch(/^\/organisations\/\d+$/);
  await admin.goto(clinicHref);
  await expect(admin.locator('h1')).toHaveText(CLINIC);
  await a11y.check(admin);
  await adminContext.close();

  await logIn(page, 'employer');
  await a11y.check();
  // The employer's navigation offers no user administration.
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Benutzer' })).toHaveCount(0);

  // Their own organisation is visible, the clinic is not even listed.
  await page.goto('/organisations');
  await expect(page.locator('tbody')).toContainText(OWN);
  await expect(page.locator('main')).not.toContainText(CLINIC);
  await a11y.check();
  await page.getByRole('link', { name: OWN }).click();
  await expect(page.locator('h1')).toHaveText(OWN);
  await a11y.check();

  const notFound = await page.goto(clinicHref);
  expect(notFound.status()).toBe(404);
  await expect(page.locator('main .error[role=alert]')).toContainText('existiert nicht oder ist für Sie nicht sichtbar');
  await expect(page.locator('main')).not.toContainText(CLINIC);
  const message = await page.locator('main .error').textContent();
  await a11y.check();

  // Exactly the same answer as for an id that does not exist: nothing leaks.
  const missing = await page.goto('/organisations/987654');
  expect(missing.status()).toBe(404);
  await expect(page.locator('main .error')).toHaveText(message);
  await a11y.check();

  const users = await page.goto('/admin/users');
  expect(users.status()).toBe(404);
  await expect(page.locator('main .error')).toHaveText(message);
  await a11y.check();

  const audit = await page.goto('/admin/audit');
  expect(audit.status()).toBe(404);
  await a11y.check();

  // Nor can the employer create a user by posting the form with a valid token.
  await page.goto('/dashboard');
  await a11y.check();
  const token = await page.locator('form.language-form input[name=csrf]').inputValue();
  const post = await page.request.post('/admin/users', {
    form: { csrf: token, display_name: 'Sneaky', email: 'sneaky@example.org', role: 'administrator', org_id: '1', language: 'de', password: 'sneaky-password-1' },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(404);
});

test('an anonymous visitor is sent to the login page and back after logging in', async ({ logIn, page, a11y }) => {
  await page.goto('/organisations');
  await expect(page).toHaveURL(/\/login\?next=%2Forganisations$/);
  await a11y.check();
  await page.locator('#email').fill('staff@demo.standort.example');
  await page.locator('#password').fill('standort-demo');
  await Promise.all([page.waitForURL('**/organisations'), page.locator('form[action="/login"] button[type=submit]').click()]);
  await expect(page.locator('h1')).toHaveText('Organisationen');
  await a11y.check();
});
