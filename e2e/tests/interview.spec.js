// The job-counselling pilot (issue 3): a counsellor meets a person in an integration course,
// captures the occupation she worked in and her skills in the interview form, sees the fitting
// ESCO occupations with the skills still missing and the fitting open positions, saves her as a
// profile, and finds her again by name typed without diacritics. Changes data: a fresh server.
const { test, expect, openMenu } = require('./fixtures');

// The demo's ESCO subset carries English labels (crates/app/demo/esco-subset.json) and the demo
// adds German everyday names as local labels (crates/app/src/recruitment/demo_labels.rs): the
// nurse occupation shows as "Pflegefachkraft" on German pages.
const NURSE = 'Pflegefachkraft';
const NURSE_POSITION = 'Pflegefachkraft (m/w/d) Innere Medizin';
const NURSE_CLINIC = 'Universitätsklinikum Leipzig (Demo)';
// Skills without a German label show ESCO's English one, marked as such: "surgery (en)".
const inEnglish = (label) => `${label} (en)`;
const NOT_HELD_ESCO = ['surgery', 'psychiatry'];
const NOT_HELD = NOT_HELD_ESCO.map(inEnglish);
const ADDED_ESCO = 'perform venous cannulation';
const ADDED = inEnglish(ADDED_ESCO);
const PERSON = { family: 'Đỗ', given: 'Thị Ngọc Ánh', province: 'Nghệ An' };

test('a counsellor captures a person from an integration course and finds the fitting position', async ({ page, logIn, a11y }) => {
  test.setTimeout(120_000);
  await logIn(page, 'counsellor');
  await a11y.check();
  await page.getByRole('main').getByRole('link', { name: /^Öffnen ?: Beratungsgespräch$/ }).click();
  await expect(page).toHaveURL(/\/recruitment\/interview$/);
  await expect(page.locator('h1')).toHaveText('Beratungsgespräch');
  await a11y.check();

  // 1. The occupation she worked in, found by search (plain HTML forms and links: no script).
  const occupationSearch = page.getByRole('searchbox', { name: 'Beruf suchen' });
  await occupationSearch.fill('nurse');
  await Promise.all([page.waitForURL(/[?&]q=nurse/), occupationSearch.press('Enter')]);
  await a11y.check();
  await Promise.all([page.waitForURL(/[?&]occ=\d+/), page.getByRole('link', { name: `Hinzufügen : ${NURSE}` }).click()]);
  await a11y.check();

  // 2. The essential skills ESCO proposes for it are ticked; she confirms all but two.
  const proposed = page.getByRole('group', { name: `Wesentliche Kompetenzen: ${NURSE}` });
  const boxes = proposed.getByRole('checkbox');
  const proposedCount = await boxes.count();
  expect(proposedCount).toBeGreaterThan(20);
  await expect(proposed.locator('input[type=checkbox]:checked')).toHaveCount(proposedCount);
  for (const skill of NOT_HELD) await proposed.getByRole('checkbox', { name: skill, exact: true }).uncheck();
  await page.getByRole('combobox', { name: 'Deutsch (GER)' }).selectOption('B2');
  await Promise.all([page.waitForURL(/german=B2/), page.getByRole('button', { name: 'Ergebnisse aktualisieren' }).click()]);
  await a11y.check();
  await expect(proposed.locator('input[type=checkbox]:checked')).toHaveCount(proposedCount - NOT_HELD.length);
  for (const skill of NOT_HELD) await expect(proposed.getByRole('checkbox', { name: skill, exact: true })).not.toBeChecked();

  // … and adds one more by search.
  const skillSearch = page.getByRole('searchbox', { name: 'Kompetenz suchen' });
  await skillSearch.fill('venous');
  await Promise.all([page.waitForURL(/[?&]sq=venous/), skillSearch.press('Enter')]);
  await a11y.check();
  await Promise.all([page.waitForURL(/[?&]skill=\d+/), page.getByRole('link', { name: `Hinzufügen : ${ADDED_ESCO}` }).click()]);
  await a11y.check();
  await expect(page.getByRole('group', { name: 'Weitere Kompetenzen' }).getByRole('checkbox', { name: ADDED })).toBeChecked();
  // The confirmation held: the two skills she lacks stay unticked.
  for (const skill of NOT_HELD) await expect(proposed.getByRole('checkbox', { name: skill, exact: true })).not.toBeChecked();

  // The answers on the same page: nursing fits best, with the two skills still missing …
  const occupations = page.getByRole('region', { name: 'Passende Berufe (ESCO) und fehlende Kompetenzen' });
  const best = occupations.locator('tbody tr').first();
  await expect(best.locator('td').first()).toHaveText(NURSE);
  const missing = (await best.locator('td').nth(2).textContent()).split(', ');
  for (const skill of NOT_HELD) expect(missing).toContain(skill);
  expect(missing).not.toContain(ADDED);
  // … and the Leipzig clinic's nurse position is among the fitting open positions.
  const positions = page.getByRole('region', { name: 'Passende offene Stellen' });
  const nursePosition = positions.locator('li.card', { has: page.getByRole('link', { name: NURSE_POSITION }) });
  await expect(nursePosition).toHaveCount(1);
  await expect(nursePosition).toContainText(NURSE_CLINIC);
  await expect(nursePosition).not.toContainText('Voraussetzung nicht erfüllt');

  // 3. Saved as a profile, names exactly as written.
  const save = page.getByRole('region', { name: 'Als Profil speichern' });
  await save.getByRole('textbox', { name: 'Familienname' }).fill(PERSON.family);
  await save.getByRole('textbox', { name: 'Vornamen' }).fill(PERSON.given);
  await save.getByRole('combobox', { name: 'Land' }).selectOption('VN');
  await save.getByRole('textbox', { name: 'Provinz / Region' }).fill(PERSON.province);
  await save.getByRole('textbox', { name: /Wunschregionen/ }).fill('Leipzig');
  await Promise.all([
    page.waitForURL(/\/recruitment\/candidates\/\d+\?done=candidate-created-ok$/),
    save.getByRole('button', { name: 'Profil speichern' }).click(),
  ]);
  const profileUrl = new URL(page.url()).pathname;
  await expect(page.locator('main .notice[role=status]')).toHaveText('Das Profil wurde angelegt.');
  await expect(page.locator('h1')).toHaveText(`${PERSON.family} ${PERSON.given}`);
  await expect(page.locator('main .facts')).toContainText(`${PERSON.province}, Vietnam`);
  await a11y.check();
  await expect(page.locator('main ul').filter({ hasText: NURSE })).toHaveCount(1);
  const skills = page.getByRole('table', { name: 'Kompetenzen (ESCO)' });
  await expect(skills.locator('tbody tr')).toHaveCount(proposedCount - NOT_HELD.length + 1);
  await expect(skills.locator('tbody tr', { hasText: ADDED })).toContainText('von Beratung beobachtet');
  // Neither with nor without the language marker.
  for (const skill of NOT_HELD_ESCO) await expect(skills.getByRole('cell', { name: new RegExp(`^${skill}( \\(en\\))?$`) })).toHaveCount(0);
  await expect(page.getByRole('link', { name: NURSE_POSITION })).toBeVisible();

  // 4. Found again by name typed without diacritics.
  await openMenu(page);
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Bewerberprofile' }).click();
  await a11y.check();
  const nameSearch = page.getByRole('searchbox', { name: 'Name (auch ohne diakritische Zeichen)' });
  await nameSearch.fill('do thi ngoc anh');
  await Promise.all([page.waitForURL(/[?&]q=do\+thi\+ngoc\+anh/), nameSearch.press('Enter')]);
  await a11y.check();
  const found = page.locator('main tbody a');
  await expect(found).toHaveCount(1);
  await expect(found).toHaveText(`${PERSON.family} ${PERSON.given}`);
  await expect(found).toHaveAttribute('href', profileUrl);
  // In another order and case too; the given names alone also find the demo's Hoàng Thị Ngọc
  // Anh; a name she does not have finds nobody.
  await page.goto('/recruitment/candidates?q=NGOC+ANH+DO');
  await expect(page.locator('main tbody a')).toHaveText([`${PERSON.family} ${PERSON.given}`]);
  await a11y.check();
  await page.goto('/recruitment/candidates?q=ngoc+anh');
  await expect(page.locator('main tbody a')).toHaveText(['Hoàng Thị Ngọc Anh', `${PERSON.family} ${PERSON.given}`]);
  await a11y.check();
  await page.goto('/recruitment/candidates?q=do+thi+ngoc+lan');
  await expect(page.locator('main tbody a')).toHaveCount(0);
  await a11y.check();
});
