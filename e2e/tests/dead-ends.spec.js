// Issue 11's dead ends as flows that now succeed, on desktop and phone, each page checked by
// axe: countries from the ISO list (6), staff wording and the erasure at the end (2), steps
// that ask first and answer at the track (5), the candidate's next steps and start page (4).
// Help in the product (7).
// Changes data: a fresh server per test.
const { test, expect, chooseLanguage, openMenu, placementOffering } = require('./fixtures');

test('a country is chosen by its name, never typed as a code (dead end 6)', async ({ page, logIn, a11y }) => {
  await logIn(page, 'staff');
  await a11y.check();
  await page.goto('/recruitment/candidates');
  await a11y.check();
  const form = page.locator('form[action="/recruitment/candidates"][method="post"]');
  const country = form.getByRole('combobox', { name: 'Land' });
  await expect(country).toHaveValue('VN');
  // The German names, sorted in German: the U.S. Virgin Islands are not "VI" typed by mistake.
  await expect(country.locator('option[value="VI"]')).toHaveText('Amerikanische Jungferninseln');
  await country.selectOption({ label: 'Vietnam' });
  await form.getByRole('textbox', { name: 'Familienname' }).fill('Landprobe');
  await form.getByRole('textbox', { name: 'Vornamen' }).fill('Minh');
  await Promise.all([page.waitForURL(/\/recruitment\/candidates\/\d+/), form.locator('button[type=submit]').last().click()]);
  await a11y.check();
  await expect(page.getByRole('main')).toContainText('Vietnam');
});

test('a step asks first and its result shows at the track; a refusal looks refused (dead end 5)', async ({ page, logIn, a11y }) => {
  test.setTimeout(120_000);
  await logIn(page, 'staff');
  await a11y.check();
  // A placement that offers "Visum abgelehnt".
  const button = await placementOffering(page, a11y, /Visum abgelehnt$/, 'visa');
  await expect(button).toHaveClass(/state-bad/);
  const form = page.locator('form', { has: button });
  const before = page.url();
  // Not confirmed: the browser keeps the form (the box is required); nothing is sent.
  await button.click();
  await expect(page).toHaveURL(before);
  await form.getByRole('checkbox').check();
  await Promise.all([page.waitForURL(/#track-visa$/), button.click()]);
  await a11y.check();
  const track = page.locator('section', { has: page.locator('#track-visa') });
  await expect(track.getByRole('status')).toContainText('Schritt');
  await expect(track.locator('.state-bad').first()).toContainText('Visum abgelehnt');
  // The notice is on screen where the user acted.
  await expect(track.getByRole('status')).toBeInViewport();
});

test('staff read a candidate in their own words; the erasure waits at the end (dead end 2)', async ({ page, logIn, a11y }) => {
  await logIn(page, 'staff');
  await a11y.check();
  await page.goto('/recruitment/candidates/1');
  await a11y.check();
  const main = page.getByRole('main');
  await expect(main).not.toContainText('Meine Einwilligungen');
  await expect(main).not.toContainText('Verlauf meiner Einwilligungen');
  await expect(main).toContainText('Einwilligungen der Person');
  const zone = page.locator('section.danger-zone');
  await expect(zone.getByRole('heading', { level: 2 })).toHaveText('Endgültige Schritte');
  await expect(zone.getByRole('button', { name: 'Jetzt löschen' })).toBeVisible();
  // Nothing of the page comes after the danger section.
  const last = await page.evaluate(() => {
    const z = document.querySelector('section.danger-zone');
    const main = document.querySelector('main');
    return [...main.querySelectorAll('h2')].pop() === z.querySelector('h2');
  });
  expect(last).toBe(true);
});

test("the candidate's next steps are listed once with their level (dead end 4)", async ({ page, logIn, a11y }) => {
  await logIn(page, 'candidate');
  await a11y.check();
  const main = page.getByRole('main');
  for (const text of ['API-Zugang', 'API access', 'Truy cập API']) await expect(main).not.toContainText(text);
  await Promise.all([page.waitForURL(/\/portal#tracks$/), main.locator('a[href="/portal#tracks"]').first().click()]);
  await a11y.check();
  const lists = await page.locator('#tracks ~ div td ul').evaluateAll((uls) => uls.map((ul) => [...ul.querySelectorAll('li')].map((li) => li.textContent.trim())));
  expect(lists.length).toBeGreaterThan(0);
  for (const items of lists) expect(new Set(items).size, items.join(' | ')).toBe(items.length);
});

test('asking for erasure asks first (dead end 5)', async ({ page, logIn, a11y }) => {
  await logIn(page, 'candidate');
  await a11y.check();
  await page.goto('/portal#erasure');
  await a11y.check();
  const form = page.locator('form[action="/portal/erasure"]');
  const before = page.url();
  await form.getByRole('button').click();
  await expect(page).toHaveURL(before);
  await form.getByRole('checkbox').check();
  await Promise.all([page.waitForURL(/\/portal/), form.getByRole('button').click()]);
  await a11y.check();
  await expect(page.locator('#erasure ~ p[role="status"]')).toBeVisible();
});

test('help is in the product, for the page the reader is on, in their language (dead end 7)', async ({ page, logIn, a11y }) => {
  await logIn(page, 'planner');
  await a11y.check();
  await openMenu(page);
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Demografie' }).click();
  await a11y.check();
  await openMenu(page);
  await page.getByRole('link', { name: 'Hilfe' }).click();
  await expect(page).toHaveURL(/\/help#demography$/);
  await expect(page.locator('h1')).toHaveText('Hilfe');
  // The import formats the page refers to, in the product instead of the repository.
  await expect(page.getByRole('heading', { name: 'Dateien für den Import' })).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('docs/');
  // Only what a planner can open.
  await expect(page.locator('section#placements')).toHaveCount(0);
  await a11y.check();
  await chooseLanguage(page, 'vi');
  await expect(page.getByRole('heading', { name: 'Tệp để nhập dữ liệu' })).toBeVisible();
  await a11y.check();
});
