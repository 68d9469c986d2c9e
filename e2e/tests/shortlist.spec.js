// Issue 11, point 14: an employer acts on a candidate it may see. The employer puts a person on
// the organisation's shortlist ("Merkliste"), finds them on the list, and asks the agency for
// an introduction; staff see the request among the open ones and answer it on the person's
// page; the employer sees the answer. Every page passes axe.
// Changes data: a fresh server per test.
const { test, expect, openMenu } = require('./fixtures');

const PERSON = /^Bùi /;

test('employer shortlists and asks for an introduction; staff answer; employer sees it', async ({ page, logIn, a11y, browser, server }) => {
  await logIn(page, 'employer');
  await a11y.check();
  const main = page.getByRole('main');

  // The dashboard leads to the shortlist (the demo's two bus drivers).
  await expect(main.getByRole('link', { name: /Merkliste/ }).first()).toBeVisible();
  await page.goto('/recruitment/candidates?q=bui');
  await a11y.check();
  await Promise.all([page.waitForURL(/\/recruitment\/candidates\/\d+$/), main.getByRole('link', { name: PERSON }).click()]);
  await a11y.check();
  const profile = page.url();

  // Shortlist, for the bus driver position.
  await main.getByRole('combobox', { name: 'Merken für die Stelle' }).selectOption({ label: 'Busfahrer/in im Linienverkehr' });
  await Promise.all([page.waitForURL(/done=shortlist-added-ok/), main.getByRole('button', { name: 'Auf die Merkliste' }).click()]);
  await a11y.check();
  await expect(page.getByRole('status').first()).toContainText('steht auf Ihrer Merkliste');
  await expect(main.locator('#employer-actions').locator('..')).toContainText('Auf Ihrer Merkliste');

  // The shortlist page lists the person, through the navigation.
  await openMenu(page);
  await Promise.all([
    page.waitForURL('**/recruitment/shortlist'),
    page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Merkliste' }).click(),
  ]);
  await a11y.check();
  await expect(main.locator('tbody')).toContainText('Bùi');
  await expect(main).toContainText('3 Personen auf der Merkliste');

  // Ask for an introduction from the person's page.
  await page.goto(profile);
  await a11y.check();
  await main.getByRole('combobox', { name: 'Vorstellung für die Stelle' }).selectOption({ label: 'Busfahrer/in im Linienverkehr' });
  await main.getByRole('textbox', { name: 'Nachricht an die Agentur (freiwillig)' }).fill('Wir möchten Frau Bùi kennenlernen.');
  await Promise.all([page.waitForURL(/done=introduction-requested-ok/), main.getByRole('button', { name: 'Anfrage senden' }).click()]);
  await a11y.check();
  const request = main.locator('#introductions').locator('..');
  await expect(request.locator('.state-warn').first()).toHaveText('Offen');

  // Staff answer it.
  const staffContext = await browser.newContext({ baseURL: server.url });
  const staff = await staffContext.newPage();
  a11y.watch(staff);
  await logIn(staff, 'staff');
  await a11y.check(staff);
  await staff.goto('/recruitment/introductions?state=open');
  await a11y.check(staff);
  const row = staff.getByRole('main').locator('tbody tr', { hasText: 'Bùi' });
  await expect(row).toContainText('Leipziger Verkehrsbetriebe (Demo)');
  await Promise.all([staff.waitForURL(/\/recruitment\/candidates\/\d+#introduction-\d+$/), row.getByRole('link', { name: /^Beantworten/ }).click()]);
  await a11y.check(staff);
  const item = staff.locator('li[id^="introduction-"]', { hasText: 'Wir möchten Frau Bùi kennenlernen.' });
  await item.getByRole('combobox', { name: /^Entscheidung/ }).selectOption('accept');
  await item.getByRole('textbox', { name: /^Antwort an den Arbeitgeber/ }).fill('Gern – Frau Hartmann ruft Sie morgen an.');
  await Promise.all([staff.waitForURL(/done=introduction-answered-ok/), item.getByRole('button', { name: /^Antwort senden/ }).click()]);
  await a11y.check(staff);
  await staffContext.close();

  // The employer sees the answer, on the person's page and among the answered requests.
  await page.goto(profile);
  await a11y.check();
  await expect(request.locator('.state-good').first()).toHaveText('Angenommen');
  await expect(request).toContainText('Frau Hartmann ruft Sie morgen an.');
  await page.goto('/recruitment/introductions?state=answered');
  await a11y.check();
  await expect(main.locator('tbody tr', { hasText: 'Bùi' })).toContainText('Angenommen');
});
