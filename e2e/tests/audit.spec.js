// Issue 11 point 12, a readable audit log: entries in words in the reader's language, filters by
// person, record, action and period with pickers, each entry linked to its record. Jens Hartmann
// (staff) signs in and reads a contact; the administrator finds his entries by person and record
// and follows an entry's link to the record.
const { test, expect, PEOPLE } = require('./fixtures');

test('an administrator filters the log by person and record and follows an entry to its record', async ({ page, browser, server, logIn, a11y }) => {
  // Jens Hartmann, in a browser of his own: a sign-in and an audited read of a contact.
  const context = await browser.newContext({ baseURL: server.url });
  const staff = await context.newPage();
  a11y.watch(staff);
  await logIn(staff, 'staff');
  await a11y.check(staff);
  await staff.goto('/network/contacts');
  await a11y.check(staff);
  const href = await staff.locator('tbody a[href^="/network/contacts/"]').first().getAttribute('href');
  const contact = href.split('/').pop();
  await staff.goto(href);
  await a11y.check(staff);
  await context.close();

  await logIn(page, 'admin');
  await a11y.check();
  await page.goto('/admin/audit');
  await a11y.check();
  const rows = page.getByRole('main').locator('tbody tr');
  // Entries read as sentences in words, not codes.
  await expect(rows.first()).toContainText(`${PEOPLE.admin} meldete sich an.`);
  await expect(page.getByRole('main').locator('tbody td.audit-sentence')).not.toContainText(['network_contact']);

  // The person: found by a word of the name, then picked.
  await page.getByLabel('Person suchen').fill('Hartmann');
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page).toHaveURL(/who=Hartmann/);
  await a11y.check();
  const person = page.getByLabel('Person', { exact: true });
  const jens = await person.locator('option', { hasText: PEOPLE.staff }).getAttribute('value');
  await person.selectOption(jens);
  // His read of the contact: the record's kind in words and its number, the action in words.
  await page.getByLabel('Datensatzart').selectOption({ label: 'Kontakt' });
  await page.getByLabel('Datensatz-Nr.').fill(contact);
  await page.getByLabel('Aktion').selectOption({ label: 'Eingesehen' });
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page).toHaveURL(new RegExp(`actor=${jens}`));
  await expect(page).toHaveURL(/entity=network_contact/);
  await expect(page).toHaveURL(new RegExp(`entity_id=${contact}`));
  await a11y.check();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${PEOPLE.staff} sah Kontakt ${contact} ein.`);
  // Administrators cannot open contacts: the record is named, not linked to a dead end.
  await expect(rows.first().getByRole('link')).toHaveCount(0);

  // His sign-in: the record is his account, which the administrator may open.
  await page.getByLabel('Datensatzart').selectOption({ label: 'Konto' });
  await page.getByLabel('Datensatz-Nr.').fill(jens);
  await page.getByLabel('Aktion').selectOption({ label: 'Angemeldet' });
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page).toHaveURL(new RegExp(`entity_id=${jens}`));
  await a11y.check();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${PEOPLE.staff} meldete sich an.`);
  // The filters are a bookmark: a reload shows the same entry.
  await page.reload();
  await expect(rows).toHaveCount(1);
  await a11y.check();

  // The entry's link opens the record.
  await Promise.all([
    page.waitForURL(`**/admin/users/${jens}/edit`),
    rows.first().getByRole('link', { name: `Konto ${jens}` }).click(),
  ]);
  await expect(page.locator('#e-name')).toHaveValue(PEOPLE.staff);
  await a11y.check();
});
