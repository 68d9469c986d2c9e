// Issue 11 point 9, lists that work: on the candidates list staff sort by a column (the header
// is a link and says how it sorts), filter, keep the filtered list as a bookmark (a reload and a
// copied address give the same rows) and download what the list shows (CSV for German Excel).
// The overdue card of the dashboard opens the overdue placements only.
// Reads only (downloads are audited, which no other test reads): the worker's server.
const { test, expect } = require('./fixtures');

test.use({ shareServer: true });

const rows = (page) => page.getByRole('main').locator('tbody tr');

test('candidates sort, filter, survive a reload and download as CSV', async ({ page, logIn, a11y }) => {
  await logIn(page, 'staff');
  await a11y.check();
  await page.goto('/recruitment/candidates');
  await a11y.check();
  const table = page.getByRole('table');
  // Sorted by name by default: the header says so to assistive technology.
  await expect(table.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'ascending');

  // Sort by German level, best first (two clicks: ascending, then descending).
  await table.getByRole('link', { name: /^Deutsch/ }).click();
  await expect(page).toHaveURL(/sort=german&dir=asc/);
  await a11y.check();
  await table.getByRole('link', { name: /^Deutsch/ }).click();
  await expect(page).toHaveURL(/sort=german&dir=desc/);
  await expect(table.getByRole('columnheader', { name: /^Deutsch/ })).toHaveAttribute('aria-sort', 'descending');
  await a11y.check();

  // Filter: German at least B2; the order stays.
  await page.getByLabel('Deutsch mindestens').selectOption('B2');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await expect(page).toHaveURL(/german=B2/);
  await expect(page).toHaveURL(/sort=german&dir=desc/);
  const levels = await rows(page).locator('td:nth-child(3)').allTextContents();
  expect(levels.length).toBeGreaterThan(0);
  for (const l of levels) expect(['B2', 'C1', 'C2']).toContain(l.trim());
  expect([...levels].sort().reverse()).toEqual(levels);
  await a11y.check();

  // A bookmark: the reloaded address shows the same rows, filter and order.
  const shown = await rows(page).allTextContents();
  const bookmark = page.url();
  await page.reload();
  await expect(page.getByLabel('Deutsch mindestens')).toHaveValue('B2');
  expect(await rows(page).allTextContents()).toEqual(shown);
  await a11y.check();
  await page.goto('/dashboard');
  await a11y.check();
  await page.goto(bookmark);
  expect(await rows(page).allTextContents()).toEqual(shown);
  await a11y.check();

  // The download carries what the list shows: German Excel CSV with German headers.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'CSV (Excel)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('candidates.csv');
  const bytes = require('node:fs').readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
  expect(lines[0]).toBe('Name;Herkunft;Deutsch (GER);Verfügbar ab / Wunschbeginn;Profil Arbeitgebern zeigen (Einwilligung)');
  expect(lines.length - 1).toBe(shown.length);

  // Reset leaves the filter.
  await page.getByRole('link', { name: 'Filter zurücksetzen' }).click();
  await expect(page).toHaveURL(/\/recruitment\/candidates$/);
  await a11y.check();
});

test('the overdue card opens the overdue placements only', async ({ page, logIn, a11y }) => {
  await logIn(page, 'staff');
  await a11y.check();
  await page.goto('/dashboard');
  await a11y.check();
  await page.getByRole('main').locator('a[href="/placements?overdue=1"]').first().click();
  await expect(page).toHaveURL(/\/placements\?overdue=1$/);
  await expect(page.getByLabel('Nur mit überfälligen Schritten')).toBeChecked();
  const overdue = await rows(page).count();
  expect(overdue).toBeGreaterThan(0);
  await a11y.check();
  await page.getByLabel('Nur mit überfälligen Schritten').uncheck();
  await page.getByRole('button', { name: 'Anwenden' }).click();
  expect(await rows(page).count()).toBeGreaterThan(overdue);
  await a11y.check();
});
