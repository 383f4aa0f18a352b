// Only the page's language is in the first load: the page reads one catalog
// file (`<tag>.txt`), reads another when the user switches language, and
// copes with a catalog it cannot use.
import { test, expect, open } from './helpers.mjs';

const catalogs = (log) => log.requests.map((u) => new URL(u).pathname.split('/').pop()).filter((f) => /^(en|zh-CN|zh-TW)\.txt$/.test(f));

test('the page reads its own language only, and another on switching', async ({ page }) => {
  const log = await open(page, 'lang=zh-CN');
  await expect(page.getByTestId('calc-tab-customer_value')).toHaveText('客户价值');
  expect(catalogs(log)).toEqual(['zh-CN.txt']);
  await page.getByTestId('lang-select').selectOption('zh-TW');
  await expect(page.getByTestId('calc-tab-customer_value')).toHaveText('客戶價值');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  expect(catalogs(log)).toEqual(['zh-CN.txt', 'zh-TW.txt']);
  // Back to a language already read: no new request.
  await page.getByTestId('lang-select').selectOption('zh-CN');
  await expect(page.getByTestId('calc-tab-customer_value')).toHaveText('客户价值');
  expect(catalogs(log)).toEqual(['zh-CN.txt', 'zh-TW.txt']);
  expect(log.errors).toEqual([]);
});

test('a catalog of another build is refused: the page falls back to English', async ({ page }) => {
  await page.route('**/zh-TW.txt', (r) => r.fulfill({ status: 200, contentType: 'text/plain', body: 'customer-value-calculator catalog 00000000\nx\n' }));
  await open(page, 'lang=zh-TW');
  await expect(page.getByTestId('calc-tab-customer_value')).toHaveText('Customer value');
});

test('a language that cannot be read keeps the page as it is and says so', async ({ page }) => {
  await page.route('**/zh-TW.txt', (r) => r.fulfill({ status: 404, body: '' }));
  await open(page, 'lang=en');
  await page.getByTestId('lang-select').selectOption('zh-TW');
  await expect(page.getByTestId('notice')).toContainText('could not be loaded');
  await expect(page.getByTestId('calc-tab-customer_value')).toHaveText('Customer value');
});

test('no catalog at all: a plain message in three languages, not a blank page', async ({ page }) => {
  await page.route(/\/(en|zh-CN|zh-TW)\.txt$/, (r) => r.fulfill({ status: 404, body: '' }));
  await page.goto('./?lang=zh-CN');
  await expect(page.getByTestId('no-catalog')).toContainText('无法加载页面文字');
});
