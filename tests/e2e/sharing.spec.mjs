// Results as JSON, share links, autosave, and embedding for teachers.
import { readFileSync, writeFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { test, expect, open, resultValue, typeInto, SHOTS, fullShot, openEmbedDemo } from './helpers.mjs';

const DIST = new URL('../../dist/', import.meta.url).pathname;
const STATIC = new URL('../../static/', import.meta.url).pathname;
const schemaText = readFileSync(`${DIST}schema/customer-value-calculator.v1.json`, 'utf8');
const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(JSON.parse(schemaText));

async function exportDocument(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8'), path };
}

test('the schema in dist/ is the generated one', () => {
  expect(schemaText).toBe(readFileSync(`${STATIC}schema/customer-value-calculator.v1.json`, 'utf8'));
});

for (const calc of ['customer_value', 'delivered_value', 'satisfaction_gap']) {
  test(`export ${calc}: valid against the schema, and it imports into a fresh page`, async ({ page, browser }) => {
    await open(page, `lang=en&calc=${calc}`);
    if (calc === 'customer_value') await typeInto(page, 'weeks_per_year', '50');
    else if (calc === 'delivered_value') await typeInto(page, 'offers-1-image_value', '60');
    else await typeInto(page, 'items-0-perceived', '2');
    const { name, text, path } = await exportDocument(page);
    expect(name).toMatch(new RegExp(`^${calc.replaceAll('_', '-')}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const doc = JSON.parse(text);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.format).toBe('customer-value-calculator');
    expect(doc.calculator).toBe(calc);
    // A fresh page (fresh storage) imports it and shows the same results.
    const ctx = await browser.newContext();
    const fresh = await ctx.newPage();
    await open(fresh, 'lang=en');
    await fresh.getByTestId('import-json').setInputFiles(path);
    await expect(fresh.getByTestId('notice')).toContainText('imported');
    if (calc === 'customer_value') {
      await expect.poll(() => resultValue(fresh, 'lifetime_value')).toBe(25000);
      expect(doc.results.lifetime_value).toBe(25000);
    } else if (calc === 'satisfaction_gap') {
      await expect.poll(() => resultValue(fresh, 'items-0-gap')).toBe(-4);
      expect(doc.results.items[0].gap).toBe(-4);
    } else {
      await expect.poll(() => resultValue(fresh, 'gap_to_best')).toBe(10);
      expect(doc.results.gap_to_best).toBe(10);
    }
    const again = await exportDocument(fresh);
    expect(JSON.parse(again.text)).toEqual(doc);
    await ctx.close();
  });
}

test('a rejected import lists every offending path and changes nothing', async ({ page }, info) => {
  await open(page, 'lang=en&calc=delivered_value');
  await typeInto(page, 'offers-0-product_value', '123');
  const { text } = await exportDocument(page);
  const good = JSON.parse(text);
  const cases = [
    ['not json', 'not JSON'],
    [JSON.stringify({ ...good, format: 'other' }), 'format: not a customer-value-calculator document'],
    [JSON.stringify({ ...good, format_version: 2 }), 'format_version: unsupported format version 2'],
    [JSON.stringify({ ...good, extra: 1 }), 'extra: unknown key'],
    [JSON.stringify({ ...good, inputs: { offers: good.inputs.offers.map((o, i) => (i === 2 ? { ...o, time_cost: -1 } : o)) } }), 'inputs.offers[2].time_cost: must be at least 0'],
    [JSON.stringify({ ...good, inputs: { offers: [{ ...good.inputs.offers[0], name: 7 }] } }), 'inputs.offers[0].name: must be text'],
    ['\u0000\u0001\u0002binary', 'not JSON'],
  ];
  for (const [i, [body, message]] of cases.entries()) {
    const file = info.outputPath(`bad-${i}.json`);
    writeFileSync(file, body);
    await page.getByTestId('import-json').setInputFiles(file);
    await expect(page.getByTestId('import-errors')).toContainText(message);
    await expect(page.getByTestId('input-offers-0-product_value')).toHaveValue('123');
    await expect.poll(() => resultValue(page, 'offers-0-total_customer_value')).toBe(223);
  }
  // More than 5 MB is refused before reading.
  const big = info.outputPath('big.json');
  writeFileSync(big, '{"format":"' + 'x'.repeat(5 * 1024 * 1024 + 10) + '"}');
  await page.getByTestId('import-json').setInputFiles(big);
  await expect(page.getByTestId('import-errors')).toContainText('larger than 5 MB');
  await page.getByTestId('import-errors-dismiss').click();
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
});

test('paste and drag-and-drop import too', async ({ page }) => {
  await open(page, 'lang=en');
  await typeInto(page, 'spend_per_purchase', '70');
  const { text } = await exportDocument(page);
  await typeInto(page, 'spend_per_purchase', '10');
  await page.locator('h1').click();
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, text);
  await expect(page.getByTestId('input-spend_per_purchase')).toHaveValue('70');
  await typeInto(page, 'spend_per_purchase', '10');
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'case.json', { type: 'application/json' }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await expect(page.getByTestId('input-spend_per_purchase')).toHaveValue('70');
});

test('the share link reproduces the view in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, 'lang=zh-TW&calc=delivered_value');
  await typeInto(page, 'offers-2-name', 'Café Z');
  await page.getByTestId('share-link').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toContain('calc=delivered_value');
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByTestId('input-offers-2-name')).toHaveValue('Café Z');
  await expect(other.locator('html')).toHaveAttribute('lang', 'zh-TW');
});

test('the address bar follows typing a moment later, and a reload right after typing keeps every keystroke', async ({ page }) => {
  await open(page, 'lang=en&spend_per_purchase=40');
  const field = page.getByTestId('input-spend_per_purchase');
  // The rewrite is held back up to 250 ms while the user types; a reload
  // started in that time still opens what was typed.
  for (const v of ['60', '61', '62']) {
    await field.fill(v);
    await page.reload();
    await expect(field).toHaveValue(v);
    await expect(page.getByTestId('result-annual_value')).toHaveAttribute('data-value', String(Number(v) * 52));
  }
  await field.fill('70');
  await expect.poll(() => new URL(page.url()).searchParams.get('spend_per_purchase')).toBe('70');
  // A later visit of the old address in the same tab is not a reload: it opens that address.
  await page.goto('./?lang=en&spend_per_purchase=40');
  await expect(field).toHaveValue('40');
});

test('autosave restores inputs on the next visit; reset and corrupted storage are handled', async ({ page }) => {
  await open(page, 'lang=en');
  await typeInto(page, 'spend_per_purchase', '65');
  await expect(page.getByTestId('result-annual_value')).toHaveAttribute('data-value', '3380');
  await page.getByTestId('calc-tab-delivered_value').click();
  await typeInto(page, 'offers-0-name', 'Saved café');
  await expect(page.locator('table.compare')).toContainText('Saved café');
  await page.goto('./?lang=en');
  await expect(page.getByTestId('input-spend_per_purchase')).toHaveValue('65');
  await page.goto('./?lang=en&calc=delivered_value');
  await expect(page.getByTestId('input-offers-0-name')).toHaveValue('Saved café');
  // URL inputs win over saved ones.
  await page.goto('./?lang=en&spend_per_purchase=20');
  await expect(page.getByTestId('input-spend_per_purchase')).toHaveValue('20');
  await page.getByTestId('reset-defaults').click();
  await expect(page.getByTestId('input-spend_per_purchase')).toHaveValue('50');
  await expect(page.getByTestId('notice')).toContainText('reset');
  // Corrupted storage: discarded with a notice, never a crash.
  await page.evaluate(() => localStorage.setItem('customer-value-calculator:v1:customer_value', '{"broken'));
  await page.goto('./?lang=en');
  await expect(page.getByTestId('notice')).toContainText('could not be read');
  await expect.poll(() => resultValue(page, 'satisfaction_swing')).toBe(130000);
  // The unreadable data is gone: the next visit has no notice.
  await page.goto('./?lang=en');
  await expect(page.getByTestId('result-satisfaction_swing')).toBeVisible();
  await expect(page.getByTestId('notice')).toHaveCount(0);
});

test('a bad link, a refused import or a second tab never overwrite the saved inputs', async ({ page }, info) => {
  await open(page, 'lang=en');
  await typeInto(page, 'spend_per_purchase', '65');
  await expect(page.getByTestId('result-annual_value')).toHaveAttribute('data-value', '3380');
  // A share link with a bad value shows it with its error, but saves nothing.
  await page.goto('./?lang=en&spend_per_purchase=abc');
  await expect(page.getByTestId('error-spend_per_purchase')).toBeVisible();
  await page.goto('./?lang=en');
  await expect(page.getByTestId('input-spend_per_purchase')).toHaveValue('65');
  // A refused import changes nothing, saved or shown.
  const bad = info.outputPath('bad.json');
  writeFileSync(bad, '{"format": "customer-value-calculator", "format_version": 9}');
  await page.getByTestId('import-json').setInputFiles(bad);
  await expect(page.getByTestId('import-errors')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('input-spend_per_purchase')).toHaveValue('65');
  // A second tab opened on a plain link restores the same saved inputs.
  const second = await page.context().newPage();
  await second.goto('./?lang=en');
  await expect(second.getByTestId('input-spend_per_purchase')).toHaveValue('65');
  await second.close();
});

test('a teacher embeds two widgets: messages, lock, hide, height, load and export', async ({ page, baseURL }) => {
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(new URL(baseURL).origin)) foreign.push(r.url()); });
  const msgs = await openEmbedDemo(page);
  await expect.poll(async () => (await msgs()).some((m) => m.type === 'resize' && m.from === 0 && m.height > 200)).toBe(true);
  await expect.poll(async () => (await msgs()).some((m) => m.type === 'change' && m.from === 1 && m.document.calculator === 'delivered_value')).toBe(true);
  expect((await msgs()).every((m) => m.source === 'customer-value-calculator')).toBe(true);

  const f1 = page.frameLocator('#w1 iframe');
  await expect(f1.getByTestId('input-spend_per_purchase')).not.toBeEditable();
  await expect(f1.getByTestId('input-spend_per_purchase')).toHaveAttribute('aria-readonly', 'true');
  await expect(f1.getByTestId('input-period')).toBeDisabled();
  await expect(f1.getByTestId('input-retention_rate')).toHaveCount(0);
  await expect(f1.getByTestId('lang-select')).toHaveCount(0); // compact: no header
  await expect(f1.getByTestId('calc-tab-delivered_value')).toHaveCount(0); // tabs=customer_value
  // The height follows the content.
  await expect.poll(() => page.locator('#w1 iframe').evaluate((el) => parseInt(el.style.height, 10) || 0)).toBeGreaterThan(600);
  // Typing in a widget sends `change` with the full document.
  await f1.getByTestId('input-weeks_per_year').fill('50');
  await expect.poll(async () => (await msgs()).some((m) => m.type === 'change' && m.from === 0 && m.document.results.lifetime_value === 25000)).toBe(true);

  // `load` from the parent replaces widget 2's inputs; `request-export` answers with `export`.
  await page.click('#load2');
  const f2 = page.frameLocator('#w2 iframe');
  await expect(f2.locator('article.offer')).toHaveCount(2);
  await page.click('#export2');
  await expect.poll(async () => (await msgs()).some((m) => m.type === 'export' && m.from === 1 && m.document.inputs.offers.length === 2)).toBe(true);

  // A message from any window but the parent is ignored.
  const frame2 = page.frames().find((f) => f.url().includes('calc=delivered_value'));
  await frame2.evaluate(() => window.postMessage({ target: 'customer-value-calculator', type: 'load', document: { format: 'customer-value-calculator', format_version: 1, app_version: 'x', calculator: 'delivered_value', currency: 'CNY', inputs: { offers: [{ name: 'intruder', product_value: 1, service_value: 1, personnel_value: 1, image_value: 1, monetary_cost: 1, time_cost: 1, energy_cost: 1, psychic_cost: 1 }] }, results: {} } }, '*'));
  await page.click('#export2');
  await expect.poll(async () => (await msgs()).filter((m) => m.type === 'export').length).toBe(2);
  await expect(f2.locator('article.offer')).toHaveCount(2);
  // A message with the wrong target from the parent is ignored too.
  await page.evaluate(() => document.querySelector('#w2 iframe').contentWindow.postMessage({ target: 'someone-else', type: 'request-export' }, '*'));
  await page.click('#export2');
  await expect.poll(async () => (await msgs()).filter((m) => m.type === 'export').length).toBe(3);
  expect(foreign).toEqual([]);
  await fullShot(page, `${SHOTS}embed-demo.png`);
});
