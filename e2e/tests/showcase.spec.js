// Issue 15, the regional showcase "Genuss und Kunsthandwerk": a visitor without login searches
// with a typo, filters by category and municipality, follows a dot of the map to a producer,
// opens a product, the markets and the open data — every public page in German, English and
// Vietnamese passes axe (desktop and phone). A producer's change goes to review and the agency
// publishes it. The open-data downloads carry their licence.
const { test, expect, openMenu } = require('./fixtures');

test('a visitor finds producers by search, filter and map without logging in', async ({ page, a11y }) => {
  test.setTimeout(180_000);
  await page.goto('/regional');
  await expect(page.locator('h1')).toHaveText('Genuss und Kunsthandwerk aus der Region');
  await a11y.check();

  // A typo and no umlaut: still found.
  await page.getByLabel('Suchbegriff').fill('Topferi');
  await Promise.all([page.waitForURL(/\/regional\/suche\?/), page.getByRole('button', { name: 'Suchen' }).click()]);
  await expect(page.getByRole('link', { name: 'Töpferei Colditz (Demo)', exact: true })).toBeVisible();
  await a11y.check();

  // Filters: farm shops in Grimma (with its localities).
  await page.getByLabel('Suchbegriff').fill('');
  await page.getByLabel('Kategorie').selectOption({ label: 'Hofladen' });
  await page.getByLabel('Gemeinde').selectOption({ label: 'Grimma' });
  await Promise.all([page.waitForURL(/category=farm_shop/), page.getByRole('button', { name: 'Suchen' }).click()]);
  const results = page.locator('ul.results > li');
  await expect(page.getByRole('status')).toHaveText(/^3 Erzeuger gefunden$/);
  await expect(results).toHaveCount(3);
  await expect(results.getByRole('link', { name: 'Hofladen Nerchau (Demo)' })).toBeVisible();
  await a11y.check();

  // The map shows the same three, each a link; one leads to the producer.
  const map = page.getByRole('group', { name: 'Karte der Erzeuger im Landkreis' });
  await expect(map.locator('a')).toHaveCount(3);
  await map.getByRole('link', { name: /^Obsthof Höfgen/ }).click();
  await expect(page).toHaveURL(/\/regional\/erzeuger\/obsthof-hofgen$/);
  await expect(page.locator('h1')).toHaveText('Obsthof Höfgen (Demo)');
  await expect(page.getByRole('table', { name: 'Öffnungszeiten' })).toBeVisible();
  await a11y.check();

  // A product, the markets, a market, the open data.
  await page.getByRole('link', { name: 'Äpfel' }).click();
  await expect(page.locator('h1')).toHaveText('Äpfel');
  await a11y.check();
  await openMenu(page);
  await page.getByRole('navigation', { name: 'Regionale Produkte' }).getByRole('link', { name: 'Märkte und Feste' }).click();
  await expect(page.locator('h1')).toHaveText('Märkte und Feste');
  await a11y.check();
  await page.getByRole('link', { name: 'Töpfermarkt Colditz' }).click();
  await expect(page.getByRole('link', { name: 'Töpferei Colditz (Demo)', exact: true })).toBeVisible();
  await a11y.check();
  await openMenu(page);
  await page.getByRole('navigation', { name: 'Regionale Produkte' }).getByRole('link', { name: 'Offene Daten' }).click();
  await expect(page.getByRole('link', { name: 'dl-de/by-2-0' })).toBeVisible();
  await a11y.check();

  // Other languages by the language links; the page stays the same.
  for (const [name, code, title] of [['English', 'en', 'Open data'], ['Tiếng Việt', 'vi', 'Dữ liệu mở']]) {
    await openMenu(page);
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', code);
    await expect(page.locator('h1')).toHaveText(title);
    await a11y.check();
  }
  for (const path of ['/regional', '/regional/suche?category=potter', '/regional/erzeuger/gemusegarten-nguyen', '/regional/erzeuger/gemusegarten-nguyen/spargel', '/regional/maerkte']) {
    for (const code of ['en', 'vi']) {
      await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${code}`);
      await expect(page.locator('html')).toHaveAttribute('lang', code);
      await a11y.check();
    }
  }
});

test('a producer changes their entry, the agency reviews and publishes it', async ({ page, browser, baseURL, logIn, a11y }) => {
  test.setTimeout(120_000);
  await logIn(page, 'producer');
  await a11y.check();
  await openMenu(page);
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Mein Eintrag' }).click();
  await expect(page.locator('h1')).toHaveText('Hofladen Nerchau (Demo)');
  await a11y.check();
  await page.getByLabel('Über uns (de)').fill('Seit 1990 bauen wir an der Mulde Gemüse an.');
  await page.getByLabel('Samstag').fill('08:00-13:00');
  await page.getByRole('button', { name: 'Zur Freigabe einreichen' }).click();
  await expect(page.getByRole('status')).toHaveText('Ihre Änderungen sind eingereicht und warten auf Freigabe.');
  await a11y.check();

  // Not public yet.
  const visitor = await browser.newPage({ baseURL });
  await visitor.goto('/regional/erzeuger/hofladen-nerchau');
  await expect(visitor.getByText('Seit 1990')).toHaveCount(0);
  await visitor.close();

  // The agency publishes it.
  const staffContext = await browser.newContext({ baseURL });
  const staff = await staffContext.newPage();
  await logIn(staff, 'staff');
  await a11y.check(staff);
  await openMenu(staff);
  await staff.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Regionale Produkte' }).click();
  await expect(staff.locator('h1')).toHaveText('Regionale Produkte: Einträge');
  await a11y.check(staff);
  await staff.getByRole('region', { name: 'Warten auf Freigabe' }).getByRole('link', { name: 'Hofladen Nerchau (Demo)' }).click();
  const draft = staff.locator('ol.history > li').first();
  await expect(draft).toContainText('Wartet auf Freigabe');
  await a11y.check(staff);
  await draft.getByLabel('Anmerkung').fill('Danke!');
  await draft.getByRole('button', { name: 'Freigeben' }).click();
  await expect(staff.getByRole('status')).toHaveText('Die Änderungen sind veröffentlicht.');
  await expect(staff.locator('ol.history > li').first()).toContainText('entschieden von Jens Hartmann');
  await a11y.check(staff);
  await staffContext.close();

  await page.goto('/regional/erzeuger/hofladen-nerchau');
  await expect(page.getByText('Seit 1990 bauen wir an der Mulde Gemüse an.')).toBeVisible();
  await expect(page.getByRole('row', { name: /Samstag/ })).toContainText('08:00–13:00');
  await a11y.check();
  // The public header's link leads the logged-in producer back to their own area.
  await openMenu(page);
  await page.getByRole('link', { name: 'Anmelden · Mein Bereich' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await a11y.check();
});

test('the open data downloads carry their licence', async ({ request }) => {
  const json = await request.get('/regional/katalog.json');
  expect(json.status()).toBe(200);
  const catalogue = await json.json();
  expect(catalogue.licence).toBe('dl-de/by-2-0');
  expect(catalogue.producers.length).toBe(39);
  const csv = await request.get('/regional/katalog.csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\n');
  expect(lines[0].endsWith(',licence')).toBeTruthy();
  expect(lines.slice(1).every((l) => l.endsWith(',dl-de/by-2-0'))).toBeTruthy();
});
