// Issue 13 point 4: the visit log shared with partner agencies. The chamber's person sees the
// approaches of the companies in the chamber's scope — the agency's too — checks who approached
// a company recently and logs a visit; agency staff change what is shared with the chamber.
// Changes data: a fresh server per test.
const { test, expect } = require('./fixtures');

test('a partner agency checks who approached a company and logs its own visit', async ({ page, logIn, a11y }) => {
  await logIn(page, 'partner');
  await a11y.check();
  await page.goto('/network');
  await expect(page).toHaveURL(/\/network\/approaches$/);
  await expect(page.getByRole('heading', { name: 'Mit Ihrer Organisation geteilt' })).toBeVisible();
  await expect(page.locator('main')).toContainText('C – Verarbeitendes Gewerbe');
  await a11y.check();
  // The log holds the companies in scope only.
  const log = page.locator('#log-heading ~ .table-wrap');
  await expect(log).toContainText('Leipziger Solartechnik GmbH (Demo)');
  await expect(log).not.toContainText('Datenwerk');

  // Who approached the solar manufacturer within 90 days: the agency and the chamber.
  await page.locator('#choose-org').selectOption({ label: 'Leipziger Solartechnik GmbH (Demo)' });
  await Promise.all([page.waitForURL(/\?org=\d+/), page.getByRole('button', { name: 'Unternehmen wählen und frühere Ansprachen prüfen' }).click()]);
  const warning = page.getByRole('alert');
  await expect(warning).toContainText('Erweiterung der Modulfertigung');
  await expect(warning).toContainText('Ausbildungsbedarf Mechatronik');
  await a11y.check();

  // Logged anyway, as the chamber's.
  await page.getByLabel('Thema', { exact: true }).fill('Ausbildungsmesse, Einladung');
  await page.getByLabel('Trotzdem festhalten').check();
  await page.getByRole('button', { name: 'Festhalten', exact: true }).click();
  await expect(page.getByRole('status')).toBeVisible();
  const row = log.locator('tbody tr', { hasText: 'Ausbildungsmesse, Einladung' });
  await expect(row).toContainText('Industrie- und Handelskammer zu Leipzig (Demo)');
  await a11y.check();

  // Outside the scope: not found.
  const fairs = await page.goto('/network/fairs');
  expect(fairs.status()).toBe(404);
  await a11y.check();
});

test('agency staff change what the visit log shares with a partner agency', async ({ page, logIn, a11y }) => {
  await logIn(page, 'staff');
  await a11y.check();
  await page.goto('/network');
  await a11y.check();
  await page.getByRole('link', { name: 'Partneragenturen' }).click();
  await expect(page).toHaveURL(/\/network\/partners$/);
  await a11y.check();
  await page.getByRole('link', { name: 'Industrie- und Handelskammer zu Leipzig (Demo)' }).click();
  await expect(page.getByLabel('Greentech', { exact: true })).toBeChecked();
  await a11y.check();
  await page.getByLabel('J – Information und Kommunikation').check();
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('status')).toHaveText('Der geteilte Umfang wurde gespeichert.');
  await expect(page.getByLabel('J – Information und Kommunikation')).toBeChecked();
  await a11y.check();
  // A company named one by one, found through the picker's search.
  await page.getByLabel('Organisation suchen (Name oder Teil davon)').fill('Klinikum St. Georg');
  await Promise.all([page.waitForURL(/oq=/), page.getByLabel('Organisation suchen (Name oder Teil davon)').press('Enter')]);
  await a11y.check();
  await page.getByLabel('Unternehmen benennen').selectOption({ label: 'Städtisches Klinikum St. Georg (Demo)' });
  await page.getByRole('button', { name: 'Hinzufügen' }).click();
  await expect(page.locator('#scope-companies ~ ul, section[aria-labelledby=scope-companies] ul').first()).toContainText('Städtisches Klinikum St. Georg (Demo)');
  await a11y.check();
});
