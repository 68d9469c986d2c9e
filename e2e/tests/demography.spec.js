// Kita planning (issue 4): a planner opens a village's page and reads the crèche gap for a year
// as text — and the figures on the page agree with each other: places from the capacities,
// demand from the projected children aged 0–2 and the take-up rate. Every chart has a text
// alternative and its values in a table. Reads only: the worker's server.
const { test, expect, openMenu } = require('./fixtures');

test.use({ shareServer: true });

const VILLAGE = 'Nerchau (synthetisch)';
const YEAR = '2030';

/** A number as the German page writes it: "1.692", "-9", "48,3". */
function number(text) {
  const t = text.trim().replace(/\u2212/g, '-').replace(/\./g, '').replace(',', '.').replace(/\s*%$/, '');
  const n = Number(t);
  if (!Number.isFinite(n) || t === '') throw new Error(`not a number: ${JSON.stringify(text)}`);
  return n;
}

/** The cells of the table row whose row header is `head`, by column header. */
async function row(table, head) {
  const headers = (await table.locator('thead th').allTextContents()).map((t) => t.trim());
  const tr = table.locator('tbody tr').filter({ has: table.page().getByRole('rowheader', { name: head, exact: true }) });
  await expect(tr, `row ${head}`).toHaveCount(1);
  const cells = (await tr.locator('th, td').allTextContents()).map((t) => t.trim());
  return Object.fromEntries(headers.map((h, i) => [h, cells[i]]));
}

test('a planner reads the crèche gap of a village for a year, and the charts have text alternatives', async ({ page, logIn, a11y }) => {
  await logIn(page, 'planner');
  await a11y.check();
  await openMenu(page);
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Demografie' }).click();
  await expect(page.locator('h1')).toHaveText('Demografie');
  await a11y.check();
  await page.getByRole('link', { name: VILLAGE }).click();
  await expect(page).toHaveURL(/\/demography\/regions\/\d+$/);
  await expect(page.locator('h1')).toContainText('Nerchau');
  await a11y.check();

  // The crèche section says in words from when places are missing …
  const creche = page.getByRole('region', { name: 'Krippe (0–2 Jahre)', exact: true });
  const summary = await creche.locator('.gap-summary').textContent();
  const said = summary.match(/^Ab (\d{4}) fehlen voraussichtlich (\d+) Plätze\.$/);
  expect(said, `summary: ${summary}`).not.toBeNull();

  // … and the table under the chart gives the year asked for (opened like a person would).
  await creche.getByText('Werte als Tabelle').click();
  const gapTable = creche.getByRole('table', { name: 'Krippe (0–2 Jahre): Plätze, Bedarf und Lücke je Jahr' });
  await expect(gapTable).toBeVisible();
  const year = await row(gapTable, YEAR);
  const places = number(year['Plätze']);
  const demand = number(year['Bedarf']);
  const gap = number(year['Lücke']);
  expect(year['Lücke']).toMatch(/^-\d+$/); // CLDR's German minus sign (ICU4X), as every number on the pages
  expect(gap, `crèche gap in ${YEAR}`).toBeLessThan(0);
  expect(gap).toBe(places - demand);
  const [low80, high80] = year['80-%-Bereich'].split(' – ').map(number);
  expect(low80).toBeLessThanOrEqual(gap);
  expect(high80).toBeGreaterThanOrEqual(gap);
  // The summary's first year of shortfall has the shortfall it names.
  const first = await row(gapTable, said[1]);
  expect(number(first['Lücke'])).toBe(-Number(said[2]));
  await a11y.check();

  // Where the figures come from, read from the same page: the places entered for the crèche,
  // and the projected children aged 0–2 times the take-up rate.
  const capacities = page.getByRole('table', { name: 'Kapazitäten', exact: true });
  const capacity = capacities.locator('tbody tr', { hasText: 'Krippe (0–2 Jahre)' });
  await expect(capacity).toHaveCount(1);
  const capacityCells = await capacity.locator('td').allTextContents();
  expect(number(capacityCells[2])).toBe(places);
  const takeUp = number(capacityCells[3]) / 100;
  const indicators = page.getByRole('table', { name: 'Kennzahlen', exact: true });
  const projected = await row(indicators, `${YEAR} (Prognose)`);
  const children = number(projected['Alter 0–2']);
  // The page rounds the children to whole persons before we multiply, so allow one place.
  expect(Math.abs(demand - children * takeUp), `demand ${demand} vs ${children} × ${takeUp}`).toBeLessThanOrEqual(1);

  // Every chart is an image with a name and a description, and its values stand in a table.
  const charts = page.locator('main svg');
  const count = await charts.count();
  expect(count).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < count; i++) {
    const svg = charts.nth(i);
    await expect(svg).toHaveAttribute('role', 'img');
    const ids = (await svg.getAttribute('aria-labelledby')).split(/\s+/);
    expect(ids.length).toBe(2);
    const [title, desc] = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(title.trim().length, `title of chart ${ids[0]}`).toBeGreaterThan(10);
    expect(desc.trim().length, `description of chart ${ids[0]}`).toBeGreaterThan(20);
    await expect(page.getByRole('img', { name: title.trim() })).toHaveCount(1);
    const table = svg.locator('xpath=ancestor::figure/following-sibling::details[1]//table');
    await expect(table, `table of chart ${ids[0]}`).toHaveCount(1);
  }
  const crecheChart = creche.getByRole('img');
  await expect(crecheChart).toHaveAccessibleName(/^Krippe \(0–2 Jahre\) in Nerchau \(synthetisch\): freie Plätze/);
  await expect(crecheChart).toHaveAccessibleName(/Die Werte stehen in der Tabelle\.$/);
});

test('a town projected by nationality shows its foreign population in the pyramid and the key figures', async ({ page, logIn, a11y }) => {
  await logIn(page, 'planner');
  await a11y.check();
  await page.goto('/demography');
  await a11y.check();
  await page.getByRole('link', { name: 'Markkleeberg (synthetisch)' }).click();
  await expect(page.locator('h1')).toContainText('Markkleeberg');
  await a11y.check();

  // The pyramid says in its text alternative (title and description) that the hatched part is the foreign population, and
  // not by colour alone: its legend names it.
  const pyramid = page.getByRole('region', { name: 'Bevölkerungspyramide' });
  const chart = pyramid.getByRole('img');
  await expect(chart).toHaveAccessibleName(/schraffierte äußere Teil jedes Balkens sind die ausländischen Staatsangehörigen/);
  await expect(pyramid.getByText(/davon ausländische Staatsangehörige \(schraffiert\)/)).toBeVisible();

  // Its table gives both groups; the foreign part is never more than the whole.
  await pyramid.getByText('Werte als Tabelle').click();
  const table = pyramid.getByRole('table');
  await expect(table).toBeVisible();
  const headers = (await table.locator('thead th').allTextContents()).map((t) => t.trim());
  const col = (name) => {
    const i = headers.indexOf(name);
    expect(i, `column ${name} in ${headers.join(' | ')}`).toBeGreaterThan(0);
    return i;
  };
  const base = headers[1].match(/(\d{4})$/)[1];
  const [men, menForeign] = [col(`Männer ${base}`), col(`Männer, ausländisch ${base}`)];
  const [women, womenForeign] = [col(`Frauen ${base}`), col(`Frauen, ausländisch ${base}`)];
  let foreignTotal = 0;
  let total = 0;
  for (const tr of await table.locator('tbody tr').all()) {
    // The row header is the age group; the figures follow it.
    const cells = [null, ...(await tr.locator('td').allTextContents()).map(number)];
    expect(cells[menForeign]).toBeLessThanOrEqual(cells[men]);
    expect(cells[womenForeign]).toBeLessThanOrEqual(cells[women]);
    foreignTotal += cells[menForeign] + cells[womenForeign];
    total += cells[men] + cells[women];
  }
  expect(foreignTotal).toBeGreaterThan(0);

  // The key figures give the foreign share of the base year, and it is what the pyramid says.
  const indicators = page.getByRole('table', { name: 'Kennzahlen', exact: true });
  const observed = await row(indicators, base);
  const share = number(observed['Ausländeranteil (%)']);
  expect(share).toBeGreaterThan(0);
  expect(share).toBeLessThan(100);
  // The pyramid rounds each cell to whole persons: allow a tenth of a point.
  expect(Math.abs(share - (100 * foreignTotal) / total)).toBeLessThan(0.1);
  await a11y.check();
});
