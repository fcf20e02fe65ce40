import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Overridable so that two engineers (or two checkouts) can run the e2e suite side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const OUT_DIR = process.env.E2E_OUT_DIR ?? 'dist';
const BASE_URL = `http://127.0.0.1:${PORT}`;

// On Debian (these machines and CI) the distribution's Chromium is used; Playwright's own download is not
// reachable there. Elsewhere `npx playwright install chromium` provides the browser and this stays unset.
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const launchOptions = existsSync(DEBIAN_CHROMIUM)
  ? { executablePath: DEBIAN_CHROMIUM, args: ['--disable-gpu', '--disable-quic'] }
  : {};

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_OUT_DIR ? `${process.env.E2E_OUT_DIR}-results` : 'test-results',
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two workers on two cores distort anything timing-related; CI runs one at a time.
  workers: process.env.CI ? 1 : undefined,
  // .ci/run reads the JSON report to print its summary line; PLAYWRIGHT_JSON_OUTPUT_FILE overrides the path.
  reporter: [['list'], ['json', { outputFile: '.reports/playwright.json' }]],
  use: {
    baseURL: BASE_URL,
    screenshot: 'only-on-failure',
    // Video needs an ffmpeg build that Playwright cannot download here.
    video: 'off',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
  ],
  // Tests run against the production build, the same files a docs site would embed.
  webServer: {
    command: `node_modules/.bin/vite build --outDir ${OUT_DIR} && node_modules/.bin/vite preview --outDir ${OUT_DIR} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
