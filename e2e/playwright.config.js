// Browser tests for Standort: Playwright's test runner driving Debian's Chromium (never a
// downloaded browser). Each test starts its own `standort serve --demo` on a fresh SQLite file
// (see tests/fixtures.js); the binary comes from STANDORT_BIN, nothing is built here.
const { defineConfig } = require('@playwright/test');

const chromium = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

module.exports = defineConfig({
  testDir: './tests',
  // Two cores are shared by the server, Chromium and the runner.
  workers: Number(process.env.E2E_WORKERS || 2),
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  outputDir: 'test-results/artifacts',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    // A language Standort does not offer: every page shows the server's default (German)
    // until a test asks for another language (Accept-Language, the selector or the account).
    locale: 'fr-FR',
    // A click or fill that cannot happen fails within seconds, not at the test's timeout.
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
    {
      name: 'phone',
      use: {
        viewport: { width: 375, height: 667 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
});
