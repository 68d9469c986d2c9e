// Issue 13 point 11: agency staff import organisations from a CSV file as Excel writes it
// (checked first, then imported, the result line by line), see a file with a bad line refused
// with line and column, and merge two contacts that are the same person.
// Changes data: a fresh server per test.
const { test, expect } = require('./fixtures');

const csv = (text) => ({ name: 'organisationen.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

test('staff check and import organisations from CSV, and a bad line is refused', async ({ page, logIn, a11y }) => {
  await logIn(page, 'staff');
  await a11y.check();
  await page.goto('/network');
  await a11y.check();
  await page.getByRole('link', { name: 'Organisationen, Personen und Ansprachen importieren' }).click();
  await expect(page).toHaveURL(/\/network\/import$/);
  await a11y.check();

  // A bad line: nothing imported, the line and column named.
  await page.getByLabel('Inhalt der Datei').selectOption('organisations');
  await page.getByLabel('Datei (CSV oder XLSX)').setInputFiles(csv('\ufeffName;Land\r\nAuenwald Biotech GmbH;DE\r\nFalsch AG;Vietnam\r\n'));
  await page.getByLabel('Nur prüfen').uncheck();
  await page.getByRole('button', { name: 'Importieren' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Es wurde nichts importiert');
  await expect(alert).toContainText('Zeile 3, Spalte „land“');
  await a11y.check();

  // Checked first: what would be done, nothing written.
  const file = csv('\ufeffName;Land;Webseite\r\nAuenwald Biotech GmbH;DE;auenwald-bio.example\r\nSông Đà Logistics JSC;VN;\r\nAUENWALD BIOTECH AG;DE;\r\n');
  await page.getByLabel('Datei (CSV oder XLSX)').setInputFiles(file);
  await page.getByLabel('Nur prüfen').check();
  await page.getByRole('button', { name: 'Importieren' }).click();
  await expect(page.getByRole('status')).toContainText('Geprüft: 2 würden angelegt, 1 mit vorhandenen Datensätzen verknüpft');
  await expect(page.getByRole('table')).toContainText('wie Zeile 2');
  await a11y.check();

  // Imported: the organisations exist and open from the result.
  await page.getByLabel('Datei (CSV oder XLSX)').setInputFiles(file);
  await page.getByLabel('Nur prüfen').uncheck();
  await page.getByRole('button', { name: 'Importieren' }).click();
  await expect(page.getByRole('status')).toContainText('Importiert: 2 angelegt');
  await a11y.check();
  await page.getByRole('link', { name: /^angelegt/ }).first().click();
  await expect(page).toHaveURL(/\/organisations\/\d+$/);
  await expect(page.locator('main')).toContainText('Auenwald Biotech GmbH');
  await a11y.check();
  await page.goto('/organisations?q=song%20da');
  await expect(page.locator('main')).toContainText('Sông Đà Logistics JSC');
  await a11y.check();
});

test('staff merge two contacts that are the same person', async ({ page, logIn, a11y }) => {
  await logIn(page, 'staff');
  await a11y.check();
  for (const given of ['Frieda', 'Frida']) {
    await page.goto('/network/contacts');
    await a11y.check();
    await page.getByLabel('Vornamen', { exact: true }).fill(given);
    await page.getByLabel('Familienname', { exact: true }).fill('Brandt');
    await page.getByLabel('E-Mail', { exact: true }).fill('f.brandt@elster-energie.example');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect(page).toHaveURL(/\/network\/contacts\/\d+/);
    await a11y.check();
  }
  const second = Number(page.url().match(/contacts\/(\d+)/)[1]);
  await page.goto('/network');
  await a11y.check();
  await page.locator('main').getByRole('link', { name: 'Dubletten', exact: true }).click();
  await a11y.check();
  await page.locator('main').getByRole('link', { name: 'Kontakte', exact: true }).click();
  await expect(page).toHaveURL(/kind=contacts/);
  const row = page.locator('tbody tr', { hasText: 'Frida Brandt' });
  await expect(row).toContainText('gleiche E-Mail-Adresse');
  await a11y.check();
  // Keep the first, merge the second into it.
  await row.getByRole('link', { name: `#${second - 1} behalten` }).click();
  await expect(page.locator('main')).toContainText('Frida Brandt');
  await a11y.check();
  await page.getByLabel('Ja, diese beiden Datensätze zusammenführen').check();
  await page.getByRole('button', { name: 'Zusammenführen' }).click();
  await expect(page.getByRole('status')).toContainText('Die Datensätze wurden zusammengeführt.');
  await a11y.check();
  const gone = await page.goto(`/network/contacts/${second}`);
  expect(gone.status()).toBe(404);
  await a11y.check();
});
