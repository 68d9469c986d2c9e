// Issue 11 point 12, a readable audit log: entries in words in the reader's language, filters by
// person, record, action and period with pickers, each entry linked to its record. Staff reads a
// contact; the administrator finds that read by person and record and follows the entry's link.
const { test, expect, PEOPLE } = require('./fixtures');

test('an administrator filters the log by person and record and follows an entry to its record', async ({ page, browser, server, logIn, a11y }) => {
  // Jens Hartmann (staff) opens a contact, in a browser of his own: an audited read.
  const context = await browser.newContext({ baseURL: server.url });
  const staff = await context.newPage();
  a11y.watch(staff);
  await logIn(staff, 'staff');
  await a11y.check(staff);
  await staff.goto('/network/contacts');
  await a11y.check(staff);
  const href = await staff.locator('tbody a[href^="/network/contacts/"]').first().getAttribute('href');
  const id = href.split('/').pop();
  await staff.goto(href);
  await a11y.check(staff);
  await context.close();

  await logIn(page, 'admin');
  await a11y.check();
  await page.goto('/admin/audit');
  await a11y.check();
  // Entries read as sentences, not codes.
  await expect(page.getByRole('main').locator('tbody')).not.toContainText('network_contact');

  // The person: found by a word of the name, then picked.
  await page.getByLabel('Person suchen').fill('Hartmann');
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page).toHaveURL(/who=Hartmann/);
  await a11y.check();
  const person = page.getByLabel('Person', { exact: true });
  const jens = await person.locator('option', { hasText: PEOPLE.staff }).getAttribute('value');
  await person.selectOption(jens);
  // The record: its kind in words, and its number.
  await page.getByLabel('Datensatzart').selectOption({ label: 'Kontakt' });
  await page.getByLabel('Datensatz-Nr.').fill(id);
  await page.getByLabel('Aktion').selectOption({ label: 'Eingesehen' });
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page).toHaveURL(new RegExp(`actor=${jens}`));
  await expect(page).toHaveURL(/entity=network_contact/);
  await expect(page).toHaveURL(new RegExp(`entity_id=${id}`));
  await a11y.check();

  const rows = page.getByRole('main').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${PEOPLE.staff} sah Kontakt ${id} ein.`);
  // The filters survive as a bookmark: a reload shows the same entry.
  await page.reload();
  await expect(rows).toHaveCount(1);
  await a11y.check();

  // The entry's link opens the record.
  await rows.first().getByRole('link', { name: `Kontakt ${id}` }).click();
  await expect(page).toHaveURL(new RegExp(`/network/contacts/${id}$`));
  await expect(page.locator('h1')).toBeVisible();
  await a11y.check();
});
