// Writes tests/common/intl_chromium.json: what Chromium's Intl.NumberFormat
// prints for the app's five number styles (src/platform/mod.rs, IntlFormat)
// in its three languages and seven currencies, for values chosen to show
// rounding (half away from zero on the shortest decimal), grouping, signs,
// negative zero and non-finite values; each row names its Intl options (the
// smoke suite asks the other engines with them). The native test `locale_format`
// checks that the app's own formatter, used for the first render before
// Intl is ready, prints exactly these strings. Not a test; run by hand:
//   node tests/support/intl_reference.mjs
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const table = await page.evaluate(() => {
  const values = [0, -0, 1, 5.9, 12.345, 1234.5, 1768000, 1768000.0000000002, -250.75, 0.125, 1.005, 2.675, 0.33333333,
    1e9, 1234567.891, -0.004, 0.5, 1.5, 2.5, 0.015, 99.995, 1e15, 123456789012.345, 1e21, 1.5e-7, -1.5e-7, 0.00005, 0.000049,
    999.999, -999.995, 4.35, 8.875, 1e-320, 9007199254740993, NaN, Infinity, -Infinity];
  const styles = {
    money: (c) => ({ style: 'currency', currency: c, minimumFractionDigits: 0, maximumFractionDigits: 2 }),
    money_minor: (c) => ({ style: 'currency', currency: c }),
    count: () => ({ maximumFractionDigits: 2 }),
    percent: () => ({ style: 'percent', maximumFractionDigits: 2 }),
    ratio: () => ({ maximumFractionDigits: 4 }),
  };
  const rows = [];
  for (const lang of ['en', 'zh-CN', 'zh-TW']) {
    for (const currency of ['CNY', 'USD', 'EUR', 'TWD', 'HKD', 'JPY', 'GBP']) {
      for (const [style, options] of Object.entries(styles)) {
        const f = new Intl.NumberFormat([lang], options(currency));
        rows.push({ lang, currency, style, options: options(currency), out: values.map((v) => f.format(v)) });
      }
    }
  }
  return { values: values.map((v) => (Object.is(v, -0) ? '-0' : Number.isFinite(v) ? v : String(v))), rows };
});
await browser.close();
writeFileSync(new URL('../common/intl_chromium.json', import.meta.url), JSON.stringify(table, null, 0) + '\n');
console.log(`${table.rows.length} rows × ${table.values.length} values`);
