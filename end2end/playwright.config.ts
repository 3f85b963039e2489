import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The app binary under test. CI uses a release build:
//   OUR_WORDS_E2E_BIN=../target/release/our-words npm test
const serverBinary = process.env.OUR_WORDS_E2E_BIN || '../target/debug/our-words';

// A fresh, empty data folder (SQLite database and the local mailbox) for every run.
// Playwright loads this file again in each worker process; the folder name is fixed
// once, in the first process, and handed on through the environment.
// Earlier runs' folders are removed then; the last run's stays for looking into failures.
if (!process.env.OUR_WORDS_E2E_DATA_DIR) {
  const runs = path.resolve(__dirname, '.data');
  if (fs.existsSync(runs)) {
    for (const entry of fs.readdirSync(runs)) {
      if (entry.startsWith('run-')) fs.rmSync(path.join(runs, entry), { recursive: true, force: true });
    }
  }
  process.env.OUR_WORDS_E2E_DATA_DIR = path.join(runs, `run-${Date.now()}-${process.pid}`);
}
const dataDir = process.env.OUR_WORDS_E2E_DATA_DIR;
fs.mkdirSync(dataDir, { recursive: true });

// OUR_WORDS_E2E_PORT lets two checkouts run their browser tests at once.
const port = Number(process.env.OUR_WORDS_E2E_PORT || 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  // Every test shares one demo database, so tests run one at a time and never rely
  // on what another test did.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's chromium; Playwright never downloads a browser for these tests.
      executablePath: process.env.OUR_WORDS_E2E_CHROMIUM || '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      // Server-rendered HTML and plain form posts only.
      name: 'no-js',
      use: { javaScriptEnabled: false },
    },
    {
      // The same journeys after the wasm bundle has hydrated the page.
      name: 'js',
      use: { javaScriptEnabled: true },
    },
  ],
  webServer: {
    command: serverBinary,
    cwd: __dirname,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      OUR_WORDS_LISTEN: `127.0.0.1:${port}`,
      OUR_WORDS_DATA_DIR: dataDir,
      OUR_WORDS_DEMO_DATA: '1',
      // Sign-in links are read back from the local mailbox, as on a newcomer's machine.
      OUR_WORDS_DEV_MAILBOX: '1',
      // The demo's open round, in which lived experience is under-heard.
      OUR_WORDS_DEMO_ROUND: '1',
      // Never inherit a database, mail server or public URL from the caller's shell:
      // the tests need the embedded SQLite database and the local mailbox.
      DATABASE_URL: `sqlite:${path.join(dataDir, 'our-words.db')}`,
      OUR_WORDS_SMTP_URL: '',
      OUR_WORDS_BASE_URL: '',
      // Where cargo-leptos put the stylesheet, JS and wasm (served under /pkg).
      LEPTOS_SITE_ROOT: process.env.OUR_WORDS_E2E_SITE_ROOT || '../target/site',
      // The whole suite writes as a few demo people, more in an hour than the per-person
      // limit allows anyone; the limit itself is proved by the integration tests.
      OUR_WORDS_COMMENTS_PER_HOUR: '1000',
      RUST_LOG: 'warn',
    },
  },
});
