// Issue 11, points 8 and 13: the design system (KERN UX, vendored into the binary) on every
// page, the phone menu, and screenshots of each role's start page at desktop and phone size
// (attached to the test report and kept under test-results/screenshots/).
const fs = require('node:fs');
const path = require('node:path');
const { test, expect, openMenu, placementOffering } = require('./fixtures');

// Logging in and reading change nothing another test reads: one server per worker.
test.use({ shareServer: true });

const ROLES = ['staff', 'employer', 'counsellor', 'buyer', 'planner', 'producer', 'candidate', 'admin', 'partner'];
const SHOTS = path.join(__dirname, '..', 'test-results', 'screenshots');

/** The computed value of a CSS expression, resolved by the browser on a probe element. */
async function resolved(page, property, value) {
  return page.evaluate(
    ([property, value]) => {
      const probe = document.createElement('div');
      probe.style.setProperty(property, value);
      document.body.append(probe);
      const out = getComputedStyle(probe).getPropertyValue(property);
      probe.remove();
      return out;
    },
    [property, value],
  );
}

test('on a phone the navigation sits behind a menu button that opens with the keyboard', async ({ page, logIn, a11y }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the phone layout (375 px)');
  await logIn(page, 'staff');
  await a11y.check();
  expect(page.viewportSize().width).toBe(375);
  const menu = page.locator('.site-header details.menu');
  const button = page.locator('.site-header summary.menu-button');
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await expect(button).toBeVisible();
  await expect(button).toHaveText('Menü');
  await expect(nav).toBeHidden();
  await expect(page.locator('#language-select')).toBeHidden();
  // The closed header leaves the first screen to the page: brand and button on one row.
  const header = await page.locator('.site-header').boundingBox();
  expect(header.height).toBeLessThan(100);
  await expect(page.locator('main h1')).toBeInViewport();

  // Keyboard only: Tab from the top reaches the button (after the skip link and the brand).
  let reached = false;
  for (let i = 0; i < 4 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await button.evaluate((b) => b === document.activeElement);
  }
  expect(reached, 'the menu button is reached by Tab').toBe(true);
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('open', '');
  await expect(nav).toBeVisible();
  await expect(page.locator('#language-select')).toBeVisible();
  // Screen readers hear the state: the summary is an expanded disclosure button.
  const expanded = await page.accessibility?.snapshot?.({ root: await button.elementHandle() });
  if (expanded) expect(expanded.expanded).toBe(true);
  // The next Tab goes into the menu, to the first navigation link.
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link').first()).toBeFocused();
  // The open menu passes the checks too (contrast of the links, no overflow at 375/320 px).
  await a11y.check();
  // Space on the button closes it again.
  await button.focus();
  await page.keyboard.press(' ');
  await expect(menu).not.toHaveAttribute('open', '');
  await expect(nav).toBeHidden();

  // A link in the opened menu leads on; the new page starts with the menu closed.
  await openMenu(page);
  await Promise.all([page.waitForURL('**/account'), nav.getByRole('link', { name: 'Mein Konto' }).click()]);
  await a11y.check();
  await expect(nav).toBeHidden();
  await expect(button).toBeVisible();
});

test('on a desktop the navigation and the tools are in the header, no menu button', async ({ page, logIn, a11y }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the desktop layout (1280 px)');
  await logIn(page, 'staff');
  await a11y.check();
  expect(page.viewportSize().width).toBe(1280);
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await expect(page.locator('.site-header summary.menu-button')).toBeHidden();
  await expect(nav).toBeVisible();
  for (const link of await nav.getByRole('link').all()) await expect(link).toBeVisible();
  await expect(page.locator('#language-select')).toBeVisible();
  await expect(page.locator('.site-header .who')).toBeVisible();
  // The tools sit on the brand's row, the navigation below it.
  const brand = await page.locator('.site-header .brand').boundingBox();
  const tools = await page.locator('.site-header .tools').boundingBox();
  const navBox = await nav.boundingBox();
  expect(tools.x).toBeGreaterThan(brand.x + brand.width);
  expect(navBox.y).toBeGreaterThanOrEqual(brand.y + brand.height - 1);
  // The current page is marked by more than colour: a bar under the link.
  const current = nav.locator('a[aria-current="page"]');
  await expect(current).toHaveCount(1);
  expect(await current.evaluate((a) => getComputedStyle(a).boxShadow)).not.toBe('none');
});

test('the design system, its fonts and the favicon come from Standort itself, cached by content', async ({ page, logIn, a11y, baseURL }) => {
  const origin = new URL(baseURL).origin;
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto('/login');
  await a11y.check();
  await logIn(page, 'staff');
  await a11y.check();
  await page.evaluate(() => document.fonts.ready);
  const foreign = requested.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
  expect(foreign, 'requests to third parties').toEqual([]);

  // KERN's compiled stylesheet, then Standort's own layer, both by content-hashed URL.
  const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => s.href));
  expect(sheets.map((h) => new URL(h).pathname)).toEqual(['/static/kern.css', '/static/style.css']);
  for (const href of sheets) {
    expect(new URL(href).origin).toBe(origin);
    expect(href).toMatch(/\?v=[0-9a-f]{12}$/);
    const r = await page.request.get(href);
    expect(r.status()).toBe(200);
    expect(r.headers()['content-type']).toBe('text/css; charset=utf-8');
    expect(r.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await page.request.get(href, { headers: { 'If-None-Match': r.headers().etag } });
    expect(again.status()).toBe(304);
  }
  const kern = await (await page.request.get(sheets[0])).text();
  expect(kern).toMatch(/^\/\*! KERN UX \d+\.\d+\.\d+/);

  // The favicon and the logo: SVGs of our own, same origin.
  const icon = await page.locator('link[rel=icon]').getAttribute('href');
  const iconResponse = await page.request.get(icon);
  expect(new URL(iconResponse.url()).origin).toBe(origin);
  expect(iconResponse.headers()['content-type']).toBe('image/svg+xml');
  expect(await iconResponse.text()).toContain('<svg');
  const logo = page.locator('.site-header .brand img.logo');
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(logo).toHaveAttribute('alt', '');

  // KERN's font is loaded from /static and used.
  const fonts = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family));
  expect(fonts.map((f) => f.replace(/"/g, ''))).toContain('Fira Sans');
  expect(await page.locator('main h1').evaluate((h) => getComputedStyle(h).fontFamily)).toMatch(/^"?Fira Sans"?/);
  expect(requested.some((u) => /\/static\/kern\/fonts\/FiraSans-\w+\.woff2\?v=[0-9a-f]{12}$/.test(u))).toBe(true);
});

/** KERN's feedback colours as the browser resolves them. */
async function tones(page) {
  return {
    action: await resolved(page, 'color', 'var(--kern-color-action-default)'),
    onAction: await resolved(page, 'color', 'var(--kern-color-action-on-default)'),
    danger: await resolved(page, 'color', 'var(--kern-color-feedback-danger)'),
    dangerBg: await resolved(page, 'background-color', 'var(--kern-color-feedback-danger-background)'),
    successBg: await resolved(page, 'background-color', 'var(--kern-color-feedback-success-background)'),
    success: await resolved(page, 'color', 'var(--kern-color-feedback-success)'),
  };
}
const style = (locator, property, pseudo = null) => locator.evaluate((e, [p, ps]) => getComputedStyle(e, ps).getPropertyValue(p), [property, pseudo]);

test('KERN components: cards, tables, buttons, alerts and good states take their look', async ({ page, logIn, a11y }) => {
  await logIn(page, 'staff');
  await a11y.check();
  const t = await tones(page);

  // Dashboard cards are KERN cards: bordered, rounded, padded.
  const card = page.locator('main .cards > li').first();
  await expect(card).toBeVisible();
  expect(await style(card, 'border-top-width')).toBe('1px');
  expect(await style(card, 'border-top-left-radius')).toBe('4px');
  expect(await style(card, 'padding-top')).toBe('24px');

  // A list: KERN's table, header cells in semibold with a rule under each row; its form's main
  // button filled in KERN's action colour, at least 44 px high.
  await page.goto('/recruitment/candidates');
  await a11y.check();
  expect(await style(page.locator('main table th').first(), 'font-weight')).toBe('600');
  expect(await style(page.locator('main table td').first(), 'box-shadow')).toContain('inset');
  const primary = page.locator('main button.primary').first();
  await expect(primary).toBeVisible();
  expect(await style(primary, 'background-color')).toBe(t.action);
  expect(await style(primary, 'color')).toBe(t.onAction);
  expect((await primary.boundingBox()).height).toBeGreaterThanOrEqual(44);
  const secondary = page.locator('main form[role=search] button').first();
  if (await secondary.count()) expect(await style(secondary, 'background-color')).not.toBe(t.action);

  // The programme board: reached stages are success badges with a ✓ before them.
  await page.goto('/programmes');
  await a11y.check();
  await page.locator('main a[href^="/programmes/"]').first().click();
  await a11y.check();
  const good = page.locator('main .state-good').first();
  await expect(good).toBeVisible();
  expect(await style(good, 'background-color')).toBe(t.successBg);
  expect(await style(good, 'box-shadow')).toContain(t.success);
  expect(await style(good, 'content', '::before')).toContain('✓');

  // An error page: a KERN danger alert with its icon.
  const r = await page.goto('/placements/999999');
  expect(r.status()).toBe(404);
  await a11y.check();
  const error = page.locator('main .error[role=alert]');
  expect(await style(error, 'background-color')).toBe(t.dangerBg);
  expect(await style(error, 'mask-image', '::before')).toContain('svg');
});

test.describe('a refusal', () => {
  // Records a step: a server of its own.
  test.use({ shareServer: false });

  test('"Visum abgelehnt" is a danger badge and its button outlined in danger; the confirmation a success alert', async ({ page, logIn, a11y }) => {
    test.setTimeout(180_000);
    await logIn(page, 'staff');
    await a11y.check();
    const t = await tones(page);
    const button = await placementOffering(page, a11y, /Visum abgelehnt$/, 'visa');
    expect(await style(button, 'border-top-color')).toBe(t.danger);
    expect(await style(button, 'color')).toBe(t.danger);
    await page.locator('form', { has: button }).getByRole('checkbox').check();
    await Promise.all([page.waitForURL(/#track-visa$/), button.click()]);
    await a11y.check();
    const track = page.locator('section', { has: page.locator('#track-visa') });
    const bad = track.locator('.state-bad:not(button)').first();
    await expect(bad).toContainText('Visum abgelehnt');
    expect(await style(bad, 'background-color')).toBe(t.dangerBg);
    expect(await style(bad, 'box-shadow')).toContain(t.danger);
    expect(await style(bad, 'content', '::before')).toContain('✗');
    expect(t.dangerBg).not.toBe(t.successBg);
    const notice = track.getByRole('status');
    expect(await style(notice, 'background-color')).toBe(t.successBg);
    expect(await style(notice, 'mask-image', '::before')).toContain('svg');
  });
});

for (const who of ROLES) {
  test(`${who}: screenshot of the start page`, async ({ page, logIn, a11y }, testInfo) => {
    await logIn(page, who);
    await a11y.check();
    await page.evaluate(() => document.fonts.ready);
    // The page is laid out by KERN: its font and the header's brand bar.
    expect(await page.locator('body').evaluate((b) => getComputedStyle(b).fontFamily)).toMatch(/^"?Fira Sans"?/);
    await expect(page.locator('.site-header .brand img.logo')).toBeVisible();
    // No horizontal scrolling at this width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize().width);
    const file = path.join(SHOTS, `${who}-${testInfo.project.name}.png`);
    fs.mkdirSync(SHOTS, { recursive: true });
    const shot = await page.screenshot({ fullPage: true, path: file });
    await testInfo.attach(`${who}-${testInfo.project.name}`, { body: shot, contentType: 'image/png' });
    expect(shot.length).toBeGreaterThan(10_000);
  });
}
