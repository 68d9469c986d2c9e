// Issue 11, dead end 1: German search in ESCO. Staff find the demo's nurse occupation under its
// everyday German name, see the loaded languages, add a local label to a concept and find the
// concept by it at once; a search without hits says what to try. Every page passes axe.
// Changes data: a fresh server per test.
const { test, expect } = require('./fixtures');

test('staff find "Pflegefachkraft", add a local label and find it (dead end 1)', async ({ page, logIn, a11y }) => {
  await logIn(page, 'staff');
  await a11y.check();
  await page.goto('/esco/search');
  await a11y.check();
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'Geladene Sprachen' })).toBeVisible();
  await expect(main).toContainText('standort esco import');

  // The everyday German name finds the nurse occupation, shown in German.
  await page.getByRole('searchbox', { name: 'Suchbegriff' }).fill('Pflegefachkraft');
  await Promise.all([page.waitForURL(/q=Pflegefachkraft/), page.getByRole('button', { name: 'Suchen' }).click()]);
  await a11y.check();
  const first = main.locator('ol.results > li').first();
  await expect(first).toContainText('8d3e8aaa-791b-4c75-a465-f3f827028f50');
  await expect(first.getByRole('link', { name: 'Pflegefachkraft' })).toBeVisible();

  // A skill without a German label is shown in English, marked.
  await page.goto('/esco/search?q=resuscitation');
  await a11y.check();
  await expect(main.locator('ol.results span[lang="en"]').first()).toHaveText('resuscitation');
  await expect(main.locator('ol.results .lang-marker').first()).toHaveText('(en)');

  // No hit: the page says so and what to try.
  await page.goto('/esco/search?q=Trambahnlenker');
  await a11y.check();
  await expect(main.locator('#esco-no-hits')).toContainText('Keine Treffer');
  await expect(main.locator('#esco-no-hits')).toContainText('englischen Begriff');

  // Add the name to the tram driver occupation on its page.
  await page.goto('/esco/search?q=tram+driver&kind=occupation');
  await a11y.check();
  await Promise.all([
    page.waitForURL(/\/esco\/occupation\/\d+$/),
    main.locator('ol.results > li').first().getByRole('link').click(),
  ]);
  await a11y.check();
  await expect(main.getByRole('heading', { name: 'Eigene Bezeichnung hinzufügen' })).toBeVisible();
  await main.getByRole('textbox', { name: 'Neue Bezeichnung' }).fill('Trambahnlenker');
  await main.getByRole('combobox', { name: 'Sprache der neuen Bezeichnung' }).selectOption('de');
  await Promise.all([
    page.waitForURL(/done=esco-label-added/),
    main.getByRole('button', { name: 'Bezeichnung hinzufügen' }).click(),
  ]);
  await a11y.check();
  await expect(page.getByRole('status').first()).toContainText('sofort auffindbar');
  await expect(main.locator('#local-labels').locator('..')).toContainText('Trambahnlenker');

  // Searchable at once.
  await page.goto('/esco/search?q=Trambahnlenker');
  await a11y.check();
  await expect(main.locator('ol.results > li').first()).toContainText('03e02554-15d1-4697-960c-8909e7d36f7e');
});
