// Shared fixtures: a Standort server (a fresh one per test, or one per worker for spec files
// whose tests change nothing another test reads), axe-core checks that every page a test loads
// must pass, and small helpers (login, language switch, paths).
const { test: base, expect } = require('@playwright/test');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PASSWORD = 'standort-demo';
const login = (who) => `${who}@demo.standort.example`;

/** Demo people (crates/app/src/demo.rs). */
const PEOPLE = {
  admin: 'Katrin Vogel',
  staff: 'Jens Hartmann',
  employer: 'Sabine Krüger',
  /** The chamber's partner-agency account (crates/app/src/network/demo.rs). */
  partner: 'Frank Neumann',
};

/** WCAG 2.0 and 2.1, levels A and AA. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/**
 * And axe's best-practice rules for the page's structure, which the WCAG tags leave out:
 * headings in order, one h1, one main, every content in a landmark, landmarks told apart.
 */
const AXE_STRUCTURE_RULES = [
  'heading-order',
  'page-has-heading-one',
  'empty-heading',
  'landmark-one-main',
  'landmark-unique',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
  'region',
  'skip-link',
];
/** WCAG 1.4.10: content reflows at a width of 320 CSS pixels. */
const REFLOW_WIDTH = 320;
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Starts `standort serve --demo` on 127.0.0.1 port 0 with a new SQLite file and resolves with
 * its base URL once it prints the address it listens on.
 */
async function startServer(extraArgs = []) {
  const bin = process.env.STANDORT_BIN;
  if (!bin) throw new Error('STANDORT_BIN must name the built standort binary (e.g. target/debug/standort)');
  const binPath = path.resolve(__dirname, '..', '..', bin);
  const exe = fs.existsSync(bin) ? path.resolve(bin) : binPath;
  if (!fs.existsSync(exe)) throw new Error(`STANDORT_BIN=${bin}: no such file`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standort-e2e-'));
  const db = path.join(dir, 'standort.db');
  const child = spawn(
    exe,
    ['serve', '--database', `sqlite://${db}`, '--listen', '127.0.0.1:0', '--demo', ...extraArgs],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, STANDORT_LOG: process.env.STANDORT_LOG || 'warn' },
    },
  );
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${log}`)), 60_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = log.match(/running at (http:\/\/[^\s/]+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${log}`));
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  return {
    url,
    log: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A real SMTP server (Nodemailer's smtp-server) on 127.0.0.1 and a free port, keeping every
 * message it receives parsed by mailparser; `waitFor(to)` resolves with the latest message to
 * that address once it has arrived.
 */
async function startMailServer() {
  const { SMTPServer } = require('smtp-server');
  const { simpleParser } = require('mailparser');
  const messages = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), mail });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = smtp.server.address().port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(to, count = 1) {
      for (let i = 0; i < 600; i++) {
        const found = messages.filter((m) => m.to.includes(to.toLowerCase()));
        if (found.length >= count) return found[found.length - 1].mail;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no message to ${to} arrived`);
    },
    stop: () => new Promise((r) => smtp.close(r)),
  };
}

/** Runs axe-core on the page as it is now; returns the violations. */
async function axeViolations(page) {
  await page.waitForLoadState('load');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  const results = await page.evaluate(
    ([tags, extra]) =>
      window.axe.run(document, {
        runOnly: {
          type: 'rule',
          // As `runOnly: tags` would choose them: experimental rules stay out.
          values: [...window.axe.getRules(tags).filter((r) => !r.tags.includes('experimental')).map((r) => r.ruleId), ...extra],
        },
        resultTypes: ['violations'],
      }),
    [AXE_TAGS, AXE_STRUCTURE_RULES],
  );
  return results.violations;
}

function describeViolations(violations) {
  return violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes
          .map((n) => `    ${n.target.join(' ')}\n      ${n.html}\n      ${(n.failureSummary || '').replace(/\n/g, '\n      ')}`)
          .join('\n'),
    )
    .join('\n');
}

/**
 * Form fields (inputs, selects, text areas) on the page that share an accessible name within
 * the same group (fieldset legend): a screen reader's list of fields could not tell them apart
 * (WCAG 2.4.6, 1.3.1). axe has no rule for it.
 */
async function duplicateFieldNames(page) {
  return page.evaluate(() => {
    const clean = (t) => (t || '').replace(/\s+/g, ' ').trim().toLowerCase();
    const byIds = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ');
    const nameOf = (el) => {
      if (el.getAttribute('aria-labelledby')) return clean(byIds(el.getAttribute('aria-labelledby')));
      if (el.getAttribute('aria-label')) return clean(el.getAttribute('aria-label'));
      if (el.labels && el.labels.length) return clean([...el.labels].map((l) => l.textContent).join(' '));
      return clean(el.getAttribute('title') || el.getAttribute('placeholder'));
    };
    const fields = document.querySelectorAll(
      'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea',
    );
    const seen = new Map();
    for (const el of fields) {
      const group = clean(el.closest('fieldset')?.querySelector('legend')?.textContent);
      const key = `${group}\u0000${nameOf(el)}`;
      const what = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}[name=${el.getAttribute('name')}]`;
      if (!seen.has(key)) seen.set(key, []);
      seen.get(key).push(what);
    }
    return [...seen.entries()]
      .filter(([, els]) => els.length > 1)
      .map(([key, els]) => `"${key.split('\u0000')[1]}"${key.split('\u0000')[0] ? ` in "${key.split('\u0000')[0]}"` : ''}: ${els.join(', ')}`);
  });
}

const test = base.extend({
  /** `test.use({ shareServer: true })`: the spec's tests use the worker's server (see `server`). */
  shareServer: [false, { option: true }],
  /** `test.use({ withMail: true })`: the test's server sends e-mail to `mailServer`. */
  withMail: [false, { option: true }],

  // A real SMTP server of the test's own (only started for specs that use e-mail).
  mailServer: async ({ withMail }, use) => {
    const mail = withMail ? await startMailServer() : null;
    await use(mail);
    if (mail) await mail.stop();
  },

  // The worker's server, started when a test of a sharing spec first asks for it.
  workerServer: [
    async ({}, use) => {
      let server = null;
      await use({
        async get() {
          if (!server) server = await startServer();
          return server;
        },
      });
      if (server) await server.stop();
    },
    { scope: 'worker' },
  ],

  // One server (and one database) per test, so tests never see each other's changes — unless
  // the spec file shares the worker's server because its tests change nothing others read
  // (they still log in, which only adds sessions and audit entries).
  server: async ({ shareServer, workerServer, mailServer }, use, testInfo) => {
    const mailArgs = mailServer ? ['--smtp-url', mailServer.url, '--public-url', 'http://standort.test'] : [];
    const server = shareServer ? await workerServer.get() : await startServer(mailArgs);
    try {
      await use(server);
    } finally {
      if (!shareServer) await server.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('server.log', { body: server.log(), contentType: 'text/plain' });
      }
    }
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },

  // Every document loaded in a watched page must be checked by axe before the test ends.
  a11y: [
    async ({ page }, use, testInfo) => {
      const loads = new Map(); // page -> [{ url, checked }]
      const watch = (p) => {
        if (loads.has(p)) return;
        loads.set(p, []);
        p.on('load', () => loads.get(p).push({ url: p.url(), checked: false }));
      };
      watch(page);
      const a11y = {
        watch,
        /** Asserts zero axe violations (WCAG 2.0/2.1 A+AA) on the page as loaded now. */
        async check(p = page) {
          watch(p);
          const violations = await axeViolations(p);
          const lang = await p.locator('html').getAttribute('lang');
          // Soft: a walk over many pages reports every finding of the run, then fails.
          expect.soft(
            violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
            `axe (${AXE_TAGS.join(', ')} and structure rules) on ${p.url()} [lang=${lang}, ${testInfo.project.name}]:\n${describeViolations(violations)}`,
          ).toEqual([]);
          expect.soft(await duplicateFieldNames(p), `form fields with the same accessible name on ${p.url()}`).toEqual([]);
          // WCAG 1.4.10 (reflow), which axe does not test: nothing makes the page wider than
          // the screen, so a phone never needs sideways scrolling — on the phone also at the
          // 320 CSS px the criterion names (a 1280 px screen zoomed to 400 %).
          const viewport = p.viewportSize() || testInfo.project.use.viewport;
          const widths = viewport ? [viewport.width] : [];
          if (viewport && testInfo.project.use.isMobile && viewport.width > REFLOW_WIDTH) widths.push(REFLOW_WIDTH);
          for (const w of widths) {
            if (w !== viewport.width) await p.setViewportSize({ width: w, height: viewport.height });
            const width = await p.evaluate(() => document.documentElement.scrollWidth);
            if (w !== viewport.width) await p.setViewportSize(viewport);
            expect.soft(width, `page width on ${p.url()} at ${w} CSS px [${testInfo.project.name}]`).toBeLessThanOrEqual(w);
          }
          const list = loads.get(p);
          if (list.length) list[list.length - 1].checked = true;
        },
      };
      await use(a11y);
      if (testInfo.status === testInfo.expectedStatus) {
        const missed = [...loads.values()].flat().filter((l) => !l.checked && l.url !== 'about:blank');
        expect(missed.map((l) => l.url), 'pages loaded but not checked with axe').toEqual([]);
      }
    },
    { auto: true },
  ],

  /**
   * `logIn(page, who)`: logs in through the form (opening and checking /login first unless the
   * page is already there) and waits for the dashboard, which the caller then checks.
   */
  logIn: async ({ a11y }, use) => {
    await use(async (page, who) => {
      const here = page.url() === 'about:blank' ? '' : new URL(page.url()).pathname;
      if (here !== '/login') {
        await page.goto('/login');
        await a11y.check(page);
      }
      await page.locator('#email').fill(login(who));
      await page.locator('#password').fill(PASSWORD);
      await Promise.all([
        page.waitForURL('**/dashboard'),
        page.locator('form[action="/login"] button[type=submit]').click(),
      ]);
    });
  },
});

/**
 * On a narrow screen the header's navigation and tools sit behind the menu button (a
 * <details> disclosure): opens it if it is shown and closed. Does nothing on a wide screen.
 */
async function openMenu(page) {
  const button = page.locator('.site-header summary.menu-button');
  if (!(await button.isVisible())) return;
  if (await page.locator('.site-header details.menu').evaluate((d) => d.open)) return;
  await button.click();
  await expect(page.locator('.site-header details.menu')).toHaveAttribute('open', '');
}

/**
 * Opens the demo's placements one by one (each page checked) until one offers the step button
 * named `name` (a RegExp) on `track` (a track's work is folded until it is chosen in the
 * placement's overview, as a user does by following the overview's link), and returns that
 * button; fails when none of the first 12 does.
 */
async function placementOffering(page, a11y, name, track) {
  for (let id = 1; id <= 12; id++) {
    const r = await page.goto(`/placements/${id}`);
    if (r.status() !== 200) continue;
    await a11y.check();
    await page.locator(`a[href="/placements/${id}?track=${track}#track-${track}"]`).click();
    await expect(page.locator(`#track-${track} ~ details.track-work`)).toHaveAttribute('open', '');
    await a11y.check();
    if ((await page.getByRole('button', { name }).count()) > 0) return page.getByRole('button', { name });
  }
  throw new Error(`no placement among the first 12 offers ${name}`);
}

/** Chooses a language with the header's selector and waits for the page to come back. */
async function chooseLanguage(page, code) {
  await openMenu(page);
  await page.locator('#language-select').selectOption(code);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'GET' && r.request().resourceType() === 'document'),
    page.locator('form.language-form button[type=submit]').click(),
  ]);
  await page.waitForLoadState('load');
  await expect(page.locator('html')).toHaveAttribute('lang', code);
}

module.exports = { test, expect, chooseLanguage, openMenu, placementOffering, duplicateFieldNames, login, PASSWORD, PEOPLE, startServer };
