// The app shell: loading, tabs in the URL, languages, privacy, layout, size.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { test, expect, open, noHorizontalScroll, SHOTS, fullShot } from './helpers.mjs';

// Total gzipped transfer budget, documented in the README (Size and speed).
// The fourth calculator (retention curve) and the calculator interface took
// the first load from about 345 KB to 396 KB; the issue "Fast and small on a
// student's phone" moves heavy code into a worker and lowers this to 250 KB.
// The Web Worker, loaded on first use of the customer base or of a survey
// CSV over 256 KB, never in the first load: built for speed (opt-level 3,
// wasm-opt -O3), which halved the worker's time on the CDNOW pipeline and
// took it from 395 KB to 462 KB; the survey import took it to 494 KB.
const WORKER_BUDGET_KB = 510;
const BUDGET_KB = 492; // first load; see README "Size and speed" for the history

test('the built site loads with no errors and no request leaves the origin', async ({ page, baseURL }) => {
  const log = await open(page);
  await expect(page.getByTestId('result-satisfaction_swing')).toBeVisible();
  await page.getByTestId('calc-tab-delivered_value').click();
  await page.getByTestId('lang-select').selectOption('zh-TW');
  const origin = new URL(baseURL).origin;
  const foreign = log.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(foreign).toEqual([]);
  expect(log.requests.length).toBeGreaterThan(2);
  expect(log.errors).toEqual([]);
  await expect(page.locator('footer')).toContainText('所有計算都在你的瀏覽器中完成');
});

test('switching tabs updates the URL and a reload keeps the tab', async ({ page }) => {
  await open(page, 'lang=en');
  await page.getByTestId('calc-tab-satisfaction_gap').click();
  await expect(page).toHaveURL(/calc=satisfaction_gap/);
  await expect(page.getByTestId('calc-tab-satisfaction_gap')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('result-verdict')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('calc-tab-satisfaction_gap')).toHaveAttribute('aria-selected', 'true');
  // Keyboard: arrows move between tabs.
  await page.getByTestId('calc-tab-satisfaction_gap').focus();
  await page.keyboard.press('Home');
  await expect(page).toHaveURL(/calc=customer_value/);
  await expect(page.getByTestId('calc-tab-customer_value')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/calc=delivered_value/);
  // An unknown calculator falls back without breaking the page.
  await page.goto('./?calc=nonsense&lang=xx');
  await expect(page.getByTestId('calc-tab-customer_value')).toHaveAttribute('aria-selected', 'true');
});

test('the language switch changes the visible text and <html lang>', async ({ page }) => {
  await open(page, 'lang=en');
  await expect(page.locator('h1')).toHaveText('Customer Value Calculator');
  await page.getByTestId('lang-select').selectOption('zh-CN');
  await expect(page.locator('h1')).toHaveText('客户价值计算器');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveURL(/lang=zh-CN/);
  await page.getByTestId('lang-select').selectOption('zh-TW');
  await expect(page.locator('h1')).toHaveText('客戶價值計算器');
  await expect(page).toHaveURL(/lang=zh-TW/);
  await page.reload();
  await expect(page.locator('h1')).toHaveText('客戶價值計算器');
});

test('the browser language is used when the URL names none', async ({ browser }) => {
  const ctx = await browser.newContext({ locale: 'zh-TW' });
  const page = await ctx.newPage();
  await page.goto('./');
  await expect(page.locator('h1')).toHaveText('客戶價值計算器');
  await ctx.close();
});

test('a browser without WebAssembly gets a message in its language, not a blank page', async ({ browser }) => {
  const cases = [
    ['en-US', 'lang=zh-CN&calc=delivered_value', '本计算器需要 WebAssembly'],
    ['zh-TW', '', '本計算器需要 WebAssembly'],
    ['en-US', '', 'This calculator needs WebAssembly'],
  ];
  for (const [locale, query, text] of cases) {
    const ctx = await browser.newContext({ locale });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => { delete window.WebAssembly; });
    await page.goto(query ? `./?${query}` : './');
    await expect(page.getByTestId('no-wasm')).toContainText(text);
    await expect(page.getByTestId('no-wasm')).toHaveAttribute('role', 'alert');
    expect(errors).toEqual([]);
    await ctx.close();
  }
});

for (const lang of ['zh-CN', 'zh-TW', 'en']) {
  test(`screenshots at 1280 px and 360 px (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, `lang=${lang}`);
    await fullShot(page, `${SHOTS}shell-${lang}-desktop.png`);
    await page.setViewportSize({ width: 360, height: 780 });
    await noHorizontalScroll(page);
    await fullShot(page, `${SHOTS}shell-${lang}-phone.png`);
    await page.getByTestId('calc-tab-satisfaction_gap').click();
    await noHorizontalScroll(page);
    await page.screenshot({ path: `${SHOTS}sg-${lang}-phone-top.png` });
  });
}

// The first render formats numbers with the app's own formatter (loading
// Intl's locale data would delay it); Intl takes over just after. The two
// print the same (tests/locale_format.rs pins the formatter against
// Chromium's Intl), so no number on screen changes.
for (const query of ['lang=en&currency=USD', 'lang=zh-CN&currency=CNY', 'lang=zh-TW&currency=TWD&calc=delivered_value',
  'lang=en&currency=JPY&calc=satisfaction_gap', 'lang=zh-CN&currency=EUR&calc=retention_curve', 'lang=zh-TW&currency=GBP']) {
  test(`no number changes when Intl takes over (${query})`, async ({ page }) => {
    await page.addInitScript(() => {
      const mark = performance.mark.bind(performance);
      performance.mark = (name, ...rest) => {
        if (name === 'app-interactive') {
          window.__first = [...document.querySelectorAll('[data-testid^="result-"], [data-testid^="step-"]')]
            .map((e) => [e.dataset.testid, e.textContent]);
        }
        return mark(name, ...rest);
      };
    });
    await open(page, query);
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('app-intl').length)).toBe(1);
    // The render with Intl's formatters follows the mark within the task.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
    const first = await page.evaluate(() => window.__first);
    expect(first.length).toBeGreaterThan(3);
    const now = await page.evaluate((ids) => ids.map(([id]) => [id, document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null]), first);
    expect(now).toEqual(first);
  });
}

test('no two elements of any calculator share a data-testid', async ({ page }) => {
  // Teachers' pages and the tests find results by these names (DESIGN §3):
  // one name, one element, every panel and table open.
  const ready = { customer_value: 'result-lifetime_value', delivered_value: 'result-best_offers', satisfaction_gap: 'result-verdict',
    customer_base: 'result-params-r', retention_curve: 'result-survival-1' };
  for (const [calc, shown] of Object.entries(ready)) {
    await open(page, `lang=en&calc=${calc}`);
    await expect(page.getByTestId(shown).first()).toBeAttached();
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('app-complete').length)).toBe(1);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    const shared = await page.evaluate(() => {
      const seen = {};
      for (const e of document.querySelectorAll('[data-testid]')) seen[e.dataset.testid] = (seen[e.dataset.testid] || 0) + 1;
      return Object.entries(seen).filter(([, n]) => n > 1);
    });
    expect(shared, calc).toEqual([]);
  }
});

test(`the bundle stays within the size budget (${BUDGET_KB} KB gzipped)`, async () => {
  const dist = new URL('../../dist/', import.meta.url).pathname;
  let total = 0;
  for (const name of readdirSync(dist)) {
    const path = dist + name;
    // What a visitor downloads: the page, its script, its wasm and its CSS
    // (embed.js and embed.html are for teachers' pages, not the app).
    // The worker (cb-worker*) is fetched only when the customer base needs it.
    if (statSync(path).isFile() && /\.(wasm|js|css|html)$/.test(name) && !name.startsWith('embed.') && !name.startsWith('cb-worker') && name !== 'sw.js') total += gzipSync(readFileSync(path), { level: 9 }).length;
  }
  // Plus one language's texts (the largest catalog): the page reads only its own.
  const catalogs = ["en", "zh-CN", "zh-TW"].map((l) => gzipSync(readFileSync(`${dist}${l}.txt`), { level: 9 }).length);
  total += Math.max(...catalogs);
  expect(total).toBeLessThanOrEqual(BUDGET_KB * 1024);
  // Nothing in the page names the worker: it is not preloaded.
  expect(readFileSync(dist + 'index.html', 'utf8')).not.toContain('cb-worker');
  const worker = gzipSync(readFileSync(dist + 'cb-worker_bg.wasm'), { level: 9 }).length;
  expect(worker).toBeLessThanOrEqual(WORKER_BUDGET_KB * 1024);
});

test('the page ships a strict Content-Security-Policy and nothing inline', async () => {
  const html = readFileSync(new URL('../../dist/index.html', import.meta.url), 'utf8');
  expect(html).toContain("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'");
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/\sstyle=/);
});
