import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// The system Chromium (Debian's `chromium` package); Playwright never downloads a browser here.
const chromium = process.env.QUIRE_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(
    `Chromium not found at ${chromium}. Install it (apt-get install -y chromium) or point QUIRE_CHROMIUM at a Chromium binary.`,
  );
}

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two cores: Monaco and the server share them with the browser.
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      // As root there is no sandbox; the networking switches stop Chromium calling hosts this
      // machine cannot reach.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
