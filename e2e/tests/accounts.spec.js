// Issue 12: accounts that reach people. The test's own SMTP server (Nodemailer's smtp-server)
// receives what Standort sends; the person opens the link from the e-mail (its path on the
// test's server: the links name `--public-url http://standort.test`).
const { test, expect } = require('./fixtures');

test.use({ withMail: true });

/** The path of the first Standort link in a received message's plain text. */
function linkPath(mail) {
  const m = mail.text.match(/http:\/\/standort\.test(\/\S+)/);
  expect(m, `a link in:\n${mail.text}`).not.toBeNull();
  return m[1];
}

test('staff invite a candidate, who sets a password from the e-mail and reaches the portal in Vietnamese', async ({ logIn, page, browser, server, mailServer, a11y }) => {
  const to = 'kandidat2@demo.standort.example';
  await logIn(page, 'staff');
  await a11y.check();
  // The demo candidate with this address: open her page from the list.
  await page.goto('/recruitment/candidates');
  await a11y.check();
  const ids = await page.locator('tbody a[href^="/recruitment/candidates/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  let found = null;
  for (const href of ids) {
    // Read without navigating (every page the browser shows is checked with axe).
    if ((await (await page.request.get(href)).text()).includes(to)) {
      found = href;
      break;
    }
  }
  expect(found, 'the demo candidate kandidat2').not.toBeNull();
  await page.goto(found);
  await a11y.check();
  const form = page.locator(`form[action="${found}/invite"]`);
  await expect(form.locator('#inv-email')).toHaveValue(to);
  await form.locator('#inv-lang').selectOption('vi');
  await form.locator('button[type=submit]').click();
  await expect(page.locator('h1')).toHaveText('Einladung erstellt');
  await expect(page.locator('main .notice[role=status]')).toContainText(to);
  await a11y.check();

  const mail = await mailServer.waitFor(to);
  expect(mail.subject).toBe('Quyền truy cập của bạn vào Standort');
  expect(mail.html).toContain('lang="vi"');
  const path = linkPath(mail);
  await expect(page.locator('#invited-link')).toHaveValue(`http://standort.test${path}`);

  // The candidate, in a browser of her own.
  const context = await browser.newContext({ baseURL: server.url });
  const person = await context.newPage();
  a11y.watch(person);
  await person.goto(path);
  await expect(person.locator('html')).toHaveAttribute('lang', 'vi');
  await a11y.check(person);
  await person.locator('#inv-password').fill('mat-khau-cua-toi');
  await Promise.all([person.waitForURL('**/portal'), person.locator('main form button[type=submit]').click()]);
  await expect(person.locator('html')).toHaveAttribute('lang', 'vi');
  await a11y.check(person);
  await context.close();
});

test('a forgotten password is reset from the e-mail', async ({ page, mailServer, a11y }) => {
  const who = 'employer@demo.standort.example';
  await page.goto('/login');
  await a11y.check();
  await page.locator('a[href="/password/forgot"]').click();
  await expect(page.locator('h1')).toHaveText('Passwort vergessen');
  await a11y.check();
  await page.locator('#forgot-email').fill(who);
  await page.locator('form[action="/password/forgot"] button[type=submit]').click();
  await expect(page.locator('main .notice[role=status]')).toContainText('Wenn zu dieser Adresse ein Konto besteht');
  await a11y.check();

  const mail = await mailServer.waitFor(who);
  expect(mail.subject).toBe('Neues Passwort für Standort');
  await page.goto(linkPath(mail));
  await expect(page.locator('h1')).toHaveText('Neues Passwort festlegen');
  await a11y.check();
  await page.locator('#reset-password').fill('ein-neues-passwort');
  await Promise.all([page.waitForURL('**/login?done=password-reset-ok'), page.locator('main form button[type=submit]').click()]);
  await a11y.check();
  await page.locator('#email').fill(who);
  await page.locator('#password').fill('ein-neues-passwort');
  await Promise.all([page.waitForURL('**/dashboard'), page.locator('form[action="/login"] button[type=submit]').click()]);
  await a11y.check();

  // Mein Konto and the administrators' outbox pass the checks too.
  await page.goto('/account');
  await expect(page.locator('#acc-current')).toBeVisible();
  await a11y.check();
});

test('administrators see the outbox and edit an account', async ({ logIn, page, mailServer, a11y }) => {
  await logIn(page, 'admin');
  await a11y.check();
  await page.goto('/admin/users');
  await a11y.check();
  const invite = page.locator('form[action="/admin/users/invite"]');
  await invite.locator('#i-name').fill('Lan Phạm');
  await invite.locator('#i-email').fill('lan.pham@example.org');
  await invite.locator('#i-role').selectOption('agency_staff');
  await invite.locator('#i-lang').selectOption('en');
  await invite.locator('button[type=submit]').click();
  await expect(page.locator('#invited-link')).toBeVisible();
  await a11y.check();
  const mail = await mailServer.waitFor('lan.pham@example.org');
  expect(mail.subject).toBe('Your access to Standort');

  await page.goto('/admin/mail');
  await expect(page.locator('tbody tr', { hasText: 'lan.pham@example.org' })).toContainText('gesendet');
  await a11y.check();
  await page.goto('/admin/users');
  await a11y.check();
  await page.locator('a[href$="/edit"]').first().click();
  await expect(page.locator('h1')).toContainText('Konto bearbeiten');
  await a11y.check();
});
