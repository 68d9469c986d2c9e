// Issue 12: the bell counts what fell due. The server raises the demo's due and overdue track
// steps when it starts (its periodic job's first run); agency staff, who own the demo's
// tracks, see them counted in the header, open the list and mark them read.
// Changes data: a fresh server per test.
const { test, expect, openMenu } = require('./fixtures');

test('the bell counts overdue steps, leads to them and empties when they are read', async ({ page, logIn, a11y }) => {
  await logIn(page, 'staff');
  await a11y.check();
  const bell = page.getByRole('link', { name: /^Benachrichtigungen \(\d+ ungelesen\)$/ });
  // The first run of the job may finish just after the login: the page is asked again until
  // the bell counts.
  await expect
    .poll(async () => {
      await page.reload();
      await a11y.check();
      await openMenu(page);
      return Number((await bell.textContent()).match(/\((\d+) /)[1]);
    })
    .toBeGreaterThan(0);
  await bell.click();
  await expect(page.locator('h1')).toHaveText('Benachrichtigungen');
  await expect(page.getByRole('main')).toContainText('Überfällig:');
  await a11y.check();
  await page.getByRole('button', { name: 'Alle als gelesen markieren' }).click();
  await expect(page.getByRole('status')).toHaveText('Alle Benachrichtigungen sind als gelesen markiert.');
  await openMenu(page);
  await expect(page.getByRole('link', { name: 'Benachrichtigungen (0 ungelesen)' })).toBeVisible();
  await a11y.check();
});
