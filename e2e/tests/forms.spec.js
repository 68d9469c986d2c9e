// Forms that change state: the admin creates an organisation and then a user in it; requests
// without the right CSRF token are refused with 403 and change nothing.
const { test, expect } = require('./fixtures');

test('admin creates an organisation, then a user in it, who can log in', async ({ logIn, page, browser, server, a11y }, testInfo) => {
  const suffix = `${testInfo.project.name}-${Date.now()}`;
  const orgName = `E2E Pflegeschule ${suffix}`;
  const email = `e2e-${suffix}@example.org`.toLowerCase();
  const name = 'Trần Văn Minh';

  await logIn(page, 'admin');
  await a11y.check();

  await page.goto('/organisations');
  await a11y.check();
  const form = page.locator('form[action="/organisations"][method="post"]');
  await form.locator('#org-name').fill(orgName);
  await form.locator('#org-kind').selectOption('language_school');
  await form.locator('#org-country').selectOption('VN');
  await Promise.all([page.waitForURL('**/organisations?done=org-created-ok'), form.locator('button[type=submit]').click()]);
  await expect(page.locator('main .notice[role=status]')).toHaveText('Die Organisation wurde angelegt.');
  const row = page.locator('tbody tr', { hasText: orgName });
  await expect(row).toHaveCount(1);
  await expect(row.locator('td').nth(2)).toHaveText('Vietnam');
  await a11y.check();

  // The new-account form offers the admin's own organisation and what the organisation search
  // finds: every organisation is reachable, not a first page of them.
  await page.goto(`/admin/users?oq=${encodeURIComponent(orgName)}`);
  await a11y.check();
  const users = page.locator('form[action="/admin/users"][method="post"]');
  await users.locator('#u-name').fill(name);
  await users.locator('#u-email').fill(email);
  await users.locator('#u-role').selectOption('employer');
  await users.locator('#u-org').selectOption({ label: orgName });
  await users.locator('#u-lang').selectOption('vi');
  await users.locator('#u-password').fill('e2e-password-123');
  await Promise.all([page.waitForURL('**/admin/users?done=user-created-ok'), users.locator('button[type=submit]').click()]);
  await expect(page.locator('main .notice[role=status]')).toHaveText('Das Konto wurde angelegt.');
  const userRow = page.locator('tbody tr', { hasText: email });
  await expect(userRow).toHaveCount(1);
  await expect(userRow).toContainText(name);
  await expect(userRow).toContainText(orgName);
  await a11y.check();

  // The new account works, in the language chosen for it.
  const context = await browser.newContext({ baseURL: server.url });
  const other = await context.newPage();
  a11y.watch(other);
  await other.goto('/login');
  await a11y.check(other);
  await other.locator('#email').fill(email);
  await other.locator('#password').fill('e2e-password-123');
  await Promise.all([other.waitForURL('**/dashboard'), other.locator('form[action="/login"] button[type=submit]').click()]);
  await expect(other.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(other.locator('main .lead')).toHaveText(`Xin chào, ${name}`);
  await a11y.check(other);
  await context.close();
});

test('a POST without the right CSRF token is refused with 403 and changes nothing', async ({ logIn, page, a11y }) => {
  await logIn(page, 'admin');
  await a11y.check();
  await page.goto('/organisations');
  await a11y.check();
  const countText = await page.locator('main > p').first().textContent();
  const token = await page.locator('form[action="/organisations"][method="post"] input[name=csrf]').inputValue();
  expect(token.length).toBeGreaterThan(20);

  // The session cookie goes along with page.request; only the token is missing or wrong.
  const attempts = [
    { what: 'missing token', form: { name: 'CSRF missing', kind: 'clinic', country: 'DE' } },
    { what: 'wrong token', form: { csrf: 'forged-token', name: 'CSRF wrong', kind: 'clinic', country: 'DE' } },
    { what: 'token of another length', form: { csrf: token.slice(1), name: 'CSRF short', kind: 'clinic', country: 'DE' } },
    {
      what: 'wrong header token',
      form: { name: 'CSRF header', kind: 'clinic', country: 'DE' },
      headers: { 'X-CSRF-Token': 'forged-token' },
    },
  ];
  for (const a of attempts) {
    const r = await page.request.post('/organisations', { form: a.form, headers: a.headers, maxRedirects: 0 });
    expect(r.status(), a.what).toBe(403);
    expect(await r.text(), a.what).toContain('Das Formular ist abgelaufen');
  }
  // A user-creation POST without a token is refused too.
  const u = await page.request.post('/admin/users', {
    form: { display_name: 'CSRF User', email: 'csrf@example.org', role: 'employer', org_id: '1', language: 'de', password: 'csrf-password-123' },
    maxRedirects: 0,
  });
  expect(u.status()).toBe(403);
  // Logging out needs the token as well.
  expect((await page.request.post('/logout', { form: {}, maxRedirects: 0 })).status()).toBe(403);

  // In the browser: the hidden field altered before sending.
  const form = page.locator('form[action="/organisations"][method="post"]');
  await form.locator('#org-name').fill('CSRF altered field');
  await form.locator('input[name=csrf]').evaluate((el) => {
    el.value = 'altered-token';
  });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    form.locator('button[type=submit]').click(),
  ]);
  expect(response.status()).toBe(403);
  await page.waitForLoadState('load');
  await expect(page.locator('main .error[role=alert]')).toContainText('Das Formular ist abgelaufen');
  await a11y.check();

  // Nothing changed: same count, none of the names, still logged in, no such user.
  await page.goto('/organisations');
  await expect(page.locator('main > p').first()).toHaveText(countText);
  await expect(page.locator('main')).not.toContainText('CSRF');
  await a11y.check();
  await page.goto('/admin/users');
  await expect(page.locator('main')).not.toContainText('csrf@example.org');
  await a11y.check();

  // The control: the same request with the page's token is accepted.
  const ok = await page.request.post('/organisations', {
    form: { csrf: token, name: 'CSRF control', kind: 'clinic', country: 'DE' },
    maxRedirects: 0,
  });
  expect(ok.status()).toBe(303);
  await page.goto('/organisations');
  await expect(page.locator('tbody')).toContainText('CSRF control');
  await a11y.check();
});
