// Shared helpers for the end-to-end tests.
import { test as base, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export { expect };

/**
 * `test` with a page that records Content-Security-Policy violations: every
 * test fails if the strict policy blocked anything (an inline script or
 * style, a request elsewhere).
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await use(page);
    const violations = await page.evaluate(() => window.__csp || []).catch(() => []);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  },
});

export const SHOTS = new URL('./output/screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

/**
 * A screenshot of the whole page with every panel drawn. Panels below the
 * fold use `content-visibility: auto`, which a full-page capture leaves
 * blank; the viewport is made as tall as the page (twice: the drawn panels
 * take their real heights), then put back.
 */
export async function fullShot(page, path) {
  const vp = page.viewportSize() ?? { width: 1280, height: 900 };
  for (let i = 0; i < 2; i++) {
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: vp.width, height: Math.min(h, 20000) });
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  }
  await page.screenshot({ path, fullPage: true });
  await page.setViewportSize(vp);
}

/** Opens a page and waits until the app has mounted. Collects errors and requests. */
export async function open(page, query = '') {
  const log = { errors: [], requests: [] };
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('request', (r) => log.requests.push(r.url()));
  await page.goto(query ? `./?${query}` : './');
  await expect(page.getByTestId('lang-select')).toBeVisible();
  return log;
}

/** The unrounded value of a result, or null when it shows a dash. */
export async function resultValue(page, key) {
  const v = await page.getByTestId(`result-${key}`).getAttribute('data-value');
  return v === null ? null : Number(v);
}

/** Replaces the text of an input as a user would (select all, type). */
export async function typeInto(page, key, text) {
  const input = page.getByTestId(`input-${key}`);
  await input.fill('');
  if (text !== '') await input.pressSequentially(text);
}

export async function noHorizontalScroll(page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, 'page scrolls horizontally').toBeLessThanOrEqual(client);
}

/** A number (or a promise of one) as `toFixed(digits)`, or null: for `expect.poll`. */
export async function fixed(value, digits) {
  const v = await value;
  return v === null || v === undefined ? null : Number(v).toFixed(digits);
}

/**
 * Opens the teacher's embed demo page, recording every message its widgets
 * post (with `from`, the index of the sending iframe), and waits until both
 * widgets are ready. Returns a function that reads the messages so far.
 */
export async function openEmbedDemo(page) {
  await page.addInitScript(() => {
    window.__msgs = [];
    window.addEventListener('message', (e) => window.__msgs.push({ ...e.data, from: [...document.querySelectorAll('iframe')].findIndex((f) => f.contentWindow === e.source) }));
  });
  await page.goto('./embed.html');
  const msgs = () => page.evaluate(() => window.__msgs);
  await expect.poll(async () => (await msgs()).filter((m) => m.type === 'ready').length).toBe(2);
  return msgs;
}

/**
 * The view's share link as a user gets it, from the "share link" button:
 * the address bar follows typing up to 250 ms later, the button never lags.
 */
export async function shareLink(page) {
  await page.getByTestId('share-link').click();
  const box = page.getByTestId('share-url');
  await expect(box).toHaveValue(/\?/);
  return box.inputValue();
}

/**
 * Holds back every file job the page posts to its Web Worker until the
 * returned `release()`: the worker reads test files faster than a click, and
 * a slow phone would not, so a test of progress and cancel always meets a
 * running task. Other messages pass.
 */
export async function holdWorkerFiles(page) {
  await page.evaluate(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (m, ...rest) {
      if (m && m.bytes instanceof File) return undefined;
      return post.call(this, m, ...rest);
    };
    window.__releaseWorker = () => { Worker.prototype.postMessage = post; };
  });
  return () => page.evaluate(() => window.__releaseWorker());
}
