// End-to-end tests against the built dist/ in Debian's Chromium.
// Never downloads a browser: executablePath is /usr/bin/chromium.
import { defineConfig } from '@playwright/test';

export const PORT = Number(process.env.E2E_PORT || 4173);

export default defineConfig({
  testDir: '.',
  outputDir: './output/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    acceptDownloads: true,
    // The service worker (offline use) is tested on its own, in offline.spec.mjs.
    serviceWorkers: 'block',
    locale: 'en-US',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `node ../support/serve.mjs ../../dist ${PORT}`,
    cwd: new URL('.', import.meta.url).pathname,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
