// @ts-check
// Records that connect (issue 11, point 11): a placement leads to its candidate, position and
// programme and each of them back to the placement; the placement opens with an overview of
// its six tracks, and a track's work unfolds where the reader chose it; the programme board
// reads at 1,280 px without words broken inside.
const { test, expect } = require('./fixtures');

test('a placement links to its records and they link back; the overview leads to a track', async ({ page, logIn, a11y }) => {
  test.setTimeout(120_000);
  await logIn(page, 'staff');
  await a11y.check();
  await page.goto('/placements');
  await a11y.check();
  // The first placement of the list.
  await page.getByRole('main').locator('tbody a[href^="/placements/"]').first().click();
  await a11y.check();
  const placement = new URL(page.url()).pathname;
  const overview = page.locator('section', { has: page.locator('#tracks-overview') });
  await expect(overview.getByRole('row')).toHaveCount(7);
  // Every track's work is folded; the overview's link unfolds the one chosen.
  await expect(page.locator('details.track-work[open]')).toHaveCount(0);
  await overview.getByRole('link', { name: 'Visum' }).click();
  await expect(page).toHaveURL(/\?track=visa#track-visa$/);
  await expect(page.locator('#track-visa ~ details.track-work')).toHaveAttribute('open', '');
  await expect(page.locator('details.track-work[open]')).toHaveCount(1);
  await expect(page.locator('#track-visa')).toBeInViewport();
  await a11y.check();
  // To the candidate and back.
  const facts = page.locator('dl.facts').first();
  await facts.locator('a[href^="/recruitment/candidates/"]').click();
  await a11y.check();
  await page.locator('#placements-of ~ ul').locator(`a[href="${placement}"]`).click();
  await expect(page).toHaveURL(new RegExp(`${placement}$`));
  await a11y.check();
  // To the position and back.
  await facts.locator('a[href^="/recruitment/positions/"]').click();
  await a11y.check();
  await page.locator('#placements-of ~ ul').locator(`a[href="${placement}"]`).click();
  await expect(page).toHaveURL(new RegExp(`${placement}$`));
  await a11y.check();
});

test('the programme board reads at 1,280 px: no word is broken inside', async ({ page, logIn, a11y }, testInfo) => {
  test.skip(testInfo.project.name === 'phone', 'the width the issue names is a desktop one');
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, 'staff');
  await a11y.check();
  await page.goto('/programmes');
  await a11y.check();
  await page.getByRole('main').locator('a[href^="/programmes/"]').first().click();
  await a11y.check();
  const table = page.locator('section', { has: page.locator('#people') }).locator('table');
  await expect(table).toBeVisible();
  // A cell whose words are wider than it would wrap inside a word (CSS breaks them) or
  // overflow it; both are refused: each word fits on one line of its cell.
  const broken = await table.locator('th, td').evaluateAll((cells) => {
    const out = [];
    for (const cell of cells) {
      const style = getComputedStyle(cell);
      if (style.hyphens === 'auto' || style.wordBreak === 'break-all') out.push(`${cell.textContent} (${style.hyphens}/${style.wordBreak})`);
      const range = document.createRange();
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent || '';
        // Words as hyphenation sees them: a line may end after a hyphen ("12-Monats-").
        const re = /[^\s\-‐]+/g;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          // A word on two lines has two client rects.
          if (range.getClientRects().length > 1) out.push(m[0]);
        }
      }
    }
    return out;
  });
  expect(broken).toEqual([]);
  // The whole board fits the width (no sideways scrolling of the page).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
