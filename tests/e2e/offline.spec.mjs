// Offline use (issue "Every student, every browser"): after one visit the
// service worker serves the whole build from its cache, so the app, the
// customer base's worker and the embed load and compute with the network off.
import { test, expect, open, typeInto } from './helpers.mjs';

test.use({ serviceWorkers: 'allow' });

test('after one visit the app loads and works offline, the embed too', async ({ page, context }) => {
  await open(page, 'lang=zh-CN');
  // The worker has cached this build and controls the page.
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);
  expect(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('cvc-')).length)).toBe(1);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('lang-select')).toBeVisible();
  await typeInto(page, 'spend_per_purchase', '60');
  await expect(page.getByTestId('result-annual_value')).toHaveAttribute('data-value', '3120');
  // Another calculator by its link, and the customer base's Web Worker, from the cache.
  await page.goto('./?lang=en&calc=retention_curve');
  await expect(page.getByTestId('result-alpha')).toHaveAttribute('data-value', /\d/);
  await page.getByTestId('calc-tab-customer_base').click();
  await expect(page.getByTestId('result-params-r')).toHaveAttribute('data-value', /\d/);
  // The teacher's embed page and its widgets.
  await page.goto('./embed.html');
  await expect(page.frameLocator('#w1 iframe').getByTestId('input-spend_per_purchase')).toBeVisible();
  await expect(page.frameLocator('#w2 iframe').getByTestId('result-offers-0-delivered_value')).toHaveAttribute('data-value', /\d/);
  await context.setOffline(false);
});
