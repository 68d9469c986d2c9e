// Every page every demo role can reach passes axe-core (WCAG 2.0/2.1 A and AA), in German,
// English and Vietnamese; the phone project runs the same at 375×667 and checks reflow at 320 CSS
// px (see fixtures.js). The pages are not listed here: each role's walk starts at the dashboard,
// follows every link of the main navigation and of the dashboard, then one level of detail pages
// from each of those (first candidate, first position, first region …), so a module's new pages
// are covered as soon as they are linked. Other specs check each page they load as well.
const { test, expect, chooseLanguage, duplicateFieldNames, openMenu } = require('./fixtures');

// Logging in, reading and an API token change nothing another test reads: one server per worker.
test.use({ shareServer: true });

const LANGUAGES = ['de', 'en', 'vi'];
const ROLES = ['admin', 'staff', 'counsellor', 'planner', 'employer', 'buyer', 'candidate', 'producer', 'partner'];

/**
 * Pages each role's walk must reach (routes, ids as `:id`) — so that a walk which found no
 * links, or lost a module's entry point, fails instead of passing on a handful of pages.
 */
const MUST_REACH = {
  admin: ['/dashboard', '/organisations', '/organisations/:id', '/admin/users', '/admin/audit', '/account', '/demography', '/demography/regions/:id'],
  staff: ['/procurement', '/procurement/clinics/:id', '/procurement/orders', '/procurement/allocations', '/procurement/items', '/organisations/:id', '/demography/regions/:id', '/recruitment/candidates/:id', '/recruitment/positions/:id', '/recruitment/interview', '/esco/search',
    '/network', '/network/contacts', '/network/approaches', '/network/trips', '/network/agreements', '/network/agreements/:id', '/network/fairs', '/network/projects', '/network/figures', '/network/partners', '/network/import', '/network/duplicates',
    '/showcase', '/showcase/entries/:id', '/recruitment/introductions'],
  counsellor: ['/recruitment/candidates/:id', '/recruitment/interview', '/recruitment/positions/:id', '/esco/search'],
  planner: ['/demography', '/demography/regions/:id', '/network', '/network/figures'],
  employer: ['/organisations/:id', '/recruitment/positions/:id', '/recruitment/candidates/:id', '/esco/search', '/recruitment/shortlist', '/recruitment/introductions'],
  buyer: ['/organisations/:id', '/procurement/clinics/:id', '/procurement/orders', '/procurement/allocations', '/procurement/items', '/network', '/network/agreements/:id'],
  candidate: ['/recruitment/my-profile', '/account'],
  producer: ['/showcase/entries/:id', '/account'],
  partner: ['/network', '/network/approaches', '/account'],
};

/** A link's route: numeric ids replaced, query dropped — a list's pages and a record's views count once. */
const route = (href) => new URL(href, 'http://standort.invalid').pathname.replace(/\/\d+(?=\/|$)/g, '/:id');

/** Downloads (CSV/XLSX exports, and links marked `download` such as documents) are not pages. */
const isDownload = (href) => /\/export(\/|$)|[?&]format=/.test(href);

/** Same-origin links in `selector`, as path + query, in document order. */
async function linksIn(page, selector) {
  const hrefs = await page
    .locator(selector)
    .evaluateAll((links) =>
      links.filter((a) => a.origin === location.origin && !a.hasAttribute('download')).map((a) => a.pathname + a.search),
    );
  return hrefs.filter((h) => h !== '/' && !isDownload(h));
}

/**
 * Walks the pages reachable from the dashboard: every navigation and dashboard link, then one
 * level of links found in those pages' main content. Each route is opened once, answers 200,
 * keeps the language and passes the checks. Returns the routes opened.
 */
async function walk(page, a11y, lang) {
  const opened = new Set([route(page.url())]);
  const open = async (href) => {
    const response = await page.goto(href);
    expect(response.status(), `GET ${href}`).toBe(200);
    await expect(page.locator('html'), href).toHaveAttribute('lang', lang);
    await a11y.check();
    opened.add(route(href));
    opened.add(route(page.url()));
  };
  const fresh = (hrefs) => {
    const byRoute = new Map();
    for (const h of hrefs) if (!opened.has(route(h)) && !byRoute.has(route(h))) byRoute.set(route(h), h);
    return [...byRoute.values()];
  };

  const nav = await linksIn(page, 'header nav a');
  expect(nav.length, 'navigation links').toBeGreaterThan(1);
  const first = fresh([...nav, ...(await linksIn(page, 'main a'))]);
  const second = [];
  for (const href of first) {
    if (opened.has(route(href))) continue;
    await open(href);
    second.push(...(await linksIn(page, 'main a')));
  }
  for (const href of fresh(second)) {
    if (opened.has(route(href))) continue;
    await open(href);
  }
  return opened;
}

for (const lang of LANGUAGES) {
  for (const who of ROLES) {
    test(`${who}: every page reachable from the navigation passes axe in ${lang}`, async ({ page, logIn, a11y, baseURL }) => {
      test.setTimeout(240_000);
      // The language as the selector leaves it (language.spec.js tests the selector itself);
      // chosen even for German: the candidate's account says Vietnamese, the cookie wins.
      await page.context().addCookies([{ name: 'standort_lang', value: lang, url: baseURL }]);
      await logIn(page, who);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await a11y.check();

      const opened = await walk(page, a11y, lang);
      for (const r of MUST_REACH[who]) expect([...opened], `${who} reaches ${r}`).toContain(r);

      // Pages a step further that people use: a village with its crèche gap, and the
      // comparison of localities.
      if (opened.has('/demography')) {
        await page.goto('/demography');
        await a11y.check();
        await page.getByRole('link', { name: /^Nerchau/ }).click();
        await expect(page).toHaveURL(/\/demography\/regions\/\d+/);
        await expect(page.locator('main svg[role=img]').first()).toBeVisible();
        await a11y.check();

        await page.goto('/demography');
        await a11y.check();
        const choices = page.locator('form[action="/demography/compare"] input[type=checkbox]');
        for (let i = 0; i < 3; i++) await choices.nth(i).check();
        await Promise.all([page.waitForURL(/\/demography\/compare\?/), page.locator('form[action="/demography/compare"] button[type=submit]').click()]);
        await expect(page.locator('main figure svg[role=img]')).toBeVisible();
        await a11y.check();
      }
      // Search answers: ESCO, and the skill search on a candidate's page (one select per hit).
      if (opened.has('/esco/search')) {
        await page.goto('/esco/search?q=nurse');
        await expect(page.locator('main li, main tbody tr').first()).toBeVisible();
        await a11y.check();
      }
      if (opened.has('/recruitment/candidates/:id')) {
        await page.goto('/recruitment/candidates');
        await a11y.check();
        await page.locator('main tbody a').first().click();
        await a11y.check();
        const skillSearch = page.locator('form[role=search] input[name=sq]');
        if (await skillSearch.count()) {
          await skillSearch.fill('care');
          await Promise.all([page.waitForURL(/[?&]sq=care/), skillSearch.press('Enter')]);
          await a11y.check();
        }
      }
      // The counsellor interview with an occupation chosen: skills proposed, fitting occupations
      // and positions shown.
      if (opened.has('/recruitment/interview')) {
        await page.goto('/recruitment/interview');
        await a11y.check();
        await page.locator('#iq').fill('nurse');
        await Promise.all([page.waitForURL(/q=nurse/), page.locator('#iq').press('Enter')]);
        await a11y.check();
        await Promise.all([page.waitForURL(/occ=\d+/), page.locator('main section').first().locator('ul a').first().click()]);
        await expect(page.locator('#fit-occupations')).toBeVisible();
        await a11y.check();
      }

      // The walk may end on a public page (a producer's own entry in the showcase), whose
      // header has no logout: log out from the start page.
      await page.goto('/');
      await a11y.check();
      await openMenu(page);
      await Promise.all([page.waitForURL('**/login?done=logged-out'), page.locator('form.logout-form button[type=submit]').click()]);
      await expect(page.locator('main .notice[role=status]')).toBeVisible();
      await a11y.check();
    });
  }

  test(`admin forms, answers and error pages pass axe in ${lang}`, async ({ page, logIn, a11y }) => {
    test.setTimeout(120_000);
    await page.goto('/login');
    await a11y.check();
    await chooseLanguage(page, lang);
    await a11y.check();
    await logIn(page, 'admin');
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await a11y.check();

    // The audit log filtered, and the error pages.
    await page.goto('/admin/audit?action=login&entity=');
    await a11y.check();
    const missing = await page.goto('/no-such-page');
    expect(missing.status()).toBe(404);
    await a11y.check();
    const bad = await page.goto('/organisations/not-a-number');
    expect(bad.status()).toBe(404);
    await a11y.check();

    // A form answer: an API token is shown once on the account page.
    await page.goto('/account');
    await a11y.check();
    await page.locator('#token-name').fill(`e2e ${lang}`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('form[action="/account/tokens"] button[type=submit]').click(),
    ]);
    await page.waitForLoadState('load');
    await expect(page.locator('main .notice code.secret')).toBeVisible();
    await a11y.check();
  });
}

test('the two language fields on the user administration have distinct names', async ({ page, logIn, a11y }) => {
  await page.goto('/login');
  await a11y.check();
  await chooseLanguage(page, 'de');
  await a11y.check();
  await logIn(page, 'admin');
  await a11y.check();
  await page.goto('/admin/users');
  await a11y.check();
  // On a phone the interface's language is in the header's menu.
  await openMenu(page);
  await expect(page.getByRole('combobox', { name: 'Sprache der Oberfläche' })).toHaveAttribute('id', 'language-select');
  await expect(page.getByRole('combobox', { name: 'Sprache des Kontos' })).toHaveAttribute('id', 'u-lang');
  await expect(page.getByRole('combobox', { name: 'Sprache', exact: true })).toHaveCount(0);
});

test('the field-name check finds fields that share a name, and tells groups apart', async ({ browser }) => {
  const page = await browser.newPage();
  await page.setContent(`<!DOCTYPE html><html lang="de"><body><main>
    <form><label for="a">Sprache</label><select id="a"><option>de</option></select></form>
    <form><label for="b"> sprache </label><select id="b"><option>de</option></select>
      <input type="hidden" name="csrf" value="x"><button type="submit">Sprache</button></form>
    <fieldset><legend>Pflege</legend><label><input type="checkbox" id="c"> Hygiene</label></fieldset>
    <fieldset><legend>Weitere</legend><label><input type="checkbox" id="d"> Hygiene</label></fieldset>
    <span id="n">Name</span><input id="e" aria-labelledby="n"><input id="f" aria-label="Name">
  </main></body></html>`);
  expect(await duplicateFieldNames(page)).toEqual(['"sprache": #a, #b', '"name": #e, #f']);
  await page.close();
});
