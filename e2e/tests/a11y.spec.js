// Every page in every language passes axe-core (WCAG 2.0/2.1 A and AA); the phone project runs
// the same at 375×667. Other specs check each page they load as well (see fixtures.js).
const { test, expect, chooseLanguage } = require('./fixtures');

const LANGUAGES = ['de', 'en', 'vi'];
const ROLES = ['admin', 'staff', 'counsellor', 'planner', 'employer', 'buyer', 'candidate'];

for (const lang of LANGUAGES) {
  test(`every admin page passes axe in ${lang}`, async ({ page, logIn, a11y }) => {
    test.setTimeout(120_000);
    await page.goto('/login');
    await a11y.check();
    if (lang !== 'de') {
      await chooseLanguage(page, lang);
      await a11y.check();
    }
    await logIn(page, 'admin');
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await a11y.check();

    const paths = ['/organisations', '/admin/users', '/admin/audit', '/account', '/dashboard?x=1'];
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response.status(), path).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await a11y.check();
    }

    // An organisation's page, with its member list.
    await page.goto('/organisations');
    await a11y.check();
    await page.locator('tbody a').first().click();
    await expect(page).toHaveURL(/\/organisations\/\d+$/);
    await a11y.check();

    // The audit log filtered, a second page of it, and the error pages.
    await page.goto('/admin/audit?action=login&entity=');
    await a11y.check();
    const missing = await page.goto('/no-such-page');
    expect(missing.status()).toBe(404);
    await a11y.check();
    const bad = await page.goto('/organisations/not-a-number');
    expect(bad.status()).toBe(404);
    await a11y.check();

    // A form answer: an API token is shown once on the account page.
    await page.goto('/account');
    await a11y.check();
    await page.locator('#token-name').fill(`e2e ${lang}`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('form[action="/account/tokens"] button[type=submit]').click(),
    ]);
    await page.waitForLoadState('load');
    await expect(page.locator('main .notice code.secret')).toBeVisible();
    await a11y.check();
  });

  test(`every role's dashboard passes axe in ${lang}, and logging out`, async ({ page, logIn, a11y }) => {
    test.setTimeout(120_000);
    await page.goto('/login');
    await a11y.check();
    // Chosen even for German: the candidate's account says Vietnamese, the cookie wins.
    await chooseLanguage(page, lang);
    await a11y.check();
    for (const who of ROLES) {
      await logIn(page, who);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await a11y.check();
      await Promise.all([page.waitForURL('**/login?done=logged-out'), page.locator('form.logout-form button[type=submit]').click()]);
      await expect(page.locator('main .notice[role=status]')).toBeVisible();
      await a11y.check();
    }
  });
}
