// Issue 14 point 7: GS1 at the door. A clinic buyer books a receipt by scanning a GS1
// DataMatrix label: a handheld scanner types the element string into the scan field and ends
// with Enter. A keyboard-wedge scanner cannot type the group separator into a browser, so it is
// set to send `<GS>` instead. The page works without script; after a scan the field has the
// focus again for the next label. Changes data: a fresh server per test.
const { test, expect } = require('./fixtures');

const yy = String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0');
const year = String(new Date().getUTCFullYear() + 2);

test('a receipt is booked by scanning a GS1 label, and a misread label is refused', async ({ page, logIn, a11y }) => {
  await logIn(page, 'buyer');
  await a11y.check();
  await page.goto('/procurement');
  await expect(page).toHaveURL(/\/procurement\/clinics\/\d+$/);
  await a11y.check();
  const clinic = page.url();

  // As the scanner types it: FFP2 of the demo catalogue, expiry day 00 (end of November),
  // lot, serial and a count of 240, each variable field ended by the scanner's <GS>.
  const scan = page.getByLabel('Scan (GS1)');
  await scan.click();
  await page.keyboard.type(`]d20104012345000016` + `17${yy}1100` + `10E2E-LOT-1<GS>21SN-0001<GS>30240`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Die Bewegung ist erfasst.');
  await expect(page.locator('#gs1')).toBeFocused();
  await a11y.check();
  const lotRow = page.locator('#lots-h + .table-wrap tbody tr', { hasText: 'E2E-LOT-1' });
  await expect(lotRow).toContainText('Atemschutzmaske FFP2');
  await expect(lotRow).toContainText(year);
  await expect(lotRow).toContainText('240');

  // The bracketed form, typed by hand, with the quantity from the form.
  await page.locator('#gs1').fill(`(01)04012345000054(17)${yy}1231(10)E2E-LOT-2`);
  await page.getByLabel('Menge (Stück)').fill('30');
  await page.getByRole('button', { name: 'Erfassen' }).click();
  await expect(page.getByRole('status')).toHaveText('Die Bewegung ist erfasst.');
  await expect(page.locator('#lots-h + .table-wrap tbody tr', { hasText: 'E2E-LOT-2' })).toContainText('Schutzkittel');
  await a11y.check();

  // A wrong check digit: refused, saying where and what, nothing booked.
  await page.locator('#gs1').fill('(01)04012345000017(10)E2E-LOT-3(30)5');
  await page.locator('#gs1').press('Enter');
  await expect(page.getByRole('main')).toContainText('die GTIN 04012345000017 hat eine falsche Prüfziffer');
  await a11y.check();
  await page.goto(clinic);
  await a11y.check();
  await expect(page.locator('#lots-h + .table-wrap')).not.toContainText('E2E-LOT-3');
});
