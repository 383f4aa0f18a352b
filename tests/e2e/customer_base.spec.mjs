// The customer base calculator: sample data fitted in the Web Worker, a
// transaction file imported through the column-mapping step, the customer
// table searched, sorted and paged, and the document exported.
import { writeFileSync, readFileSync } from 'node:fs';
import { test, expect, open, noHorizontalScroll, SHOTS, fullShot, holdWorkerFiles, typeInto } from './helpers.mjs';

const value = async (page, id) => Number(await page.getByTestId(id).getAttribute('data-value'));

test('sample data are fitted in the worker and every customer is valued', async ({ page }, info) => {
  // Another calculator's page never loads the worker.
  const log = await open(page, 'lang=en&calc=customer_value');
  await expect(page.getByTestId('result-annual_value')).toBeVisible();
  expect(log.requests.some((u) => u.includes('cb-worker'))).toBe(false);
  await page.getByTestId('calc-tab-customer_base').click();
  await expect(page.getByTestId('data-source')).toContainText('1,000 customers');
  // The fit arrives from the worker; the worker's files are not part of the first load.
  await expect(page.getByTestId('result-params-r')).toBeVisible();
  expect(log.requests.some((u) => u.includes('cb-worker_bg.wasm'))).toBe(true);
  await expect.poll(() => value(page, 'result-customers')).toBe(1000);
  await expect.poll(() => value(page, 'result-params-r')).toBeGreaterThan(0);
  await expect.poll(() => value(page, 'result-total_clv')).toBeGreaterThan(0);
  await expect.poll(() => value(page, 'result-abc-by_clv-A-share_of_value')).toBeGreaterThanOrEqual(0.8);
  await expect(page.getByTestId('result-params-converged')).toHaveAttribute('data-value', 'true');
  await expect(page.getByTestId('fit-warnings')).toHaveCount(0);
  // The table: 25 rows a page, sorted by CLV (highest first), searchable.
  await expect(page.getByTestId('customer-table').locator('tbody tr')).toHaveCount(25);
  await page.getByTestId('customer-search').fill('S0001');
  await expect(page.getByTestId('customer-matches')).toHaveAttribute('data-value', '1');
  await page.getByTestId('customer-search').fill('');
  await page.getByTestId('sort-customer_id').click();
  await expect(page.getByTestId('customer-table').locator('tbody tr').first()).toContainText('S1000');
  await page.getByTestId('sort-customer_id').click();
  await expect(page.getByTestId('customer-table').locator('tbody tr').first()).toContainText('S0001');
  await page.getByTestId('page-next').click();
  await expect(page.getByTestId('page-info')).toContainText('Page 2 of 40');
  // A setting changes the value without refitting; the URL carries it.
  const before = await value(page, 'result-total_clv');
  await page.getByTestId('input-horizon_months').fill('24');
  await expect.poll(() => value(page, 'result-total_clv')).toBeGreaterThan(before);
  await expect(page).toHaveURL(/horizon_months=24/);
  // The what-if tools work on the fitted base: the margin moves the total CLV most.
  await page.getByTestId('run-sensitivity').click();
  await expect(page.getByTestId('tornado-margin_rate')).toHaveAttribute('data-value', /\d/);
  await expect.poll(async () => Number(await page.getByTestId('tornado-margin_rate').getAttribute('data-value'))).toBeGreaterThan(0);
  // Pareto/NBD is fitted in the worker too.
  await page.getByTestId('input-model').selectOption('pareto_nbd');
  await expect(page.getByTestId('result-params-s')).toBeVisible();
  await fullShot(page, `${SHOTS}cb-en-desktop.png`);
  // Export: the document carries the data, recomputed on import.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const file = info.outputPath('cb.json');
  await download.saveAs(file);
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  expect(doc.calculator).toBe('customer_base');
  expect(doc.inputs.data.rows.length).toBe(1000);
  expect(doc.results.params.model).toBe('pareto_nbd');
  expect(doc.results.customer_table).toBeUndefined();
  expect(log.errors).toEqual([]);
});

test('a transaction file is summarised after the user confirms its columns; problem rows are listed', async ({ page }, info) => {
  await open(page, 'lang=zh-CN&calc=customer_base');
  await expect(page.getByTestId('result-params-r')).toBeVisible();
  // 12 customers, Chinese headers that need confirming, one return and one bad date.
  const lines = ['客户,日期,金额'];
  for (let c = 1; c <= 12; c++) {
    lines.push(`${c},1997-01-0${1 + (c % 5)},${10 + c}`);
    if (c % 2 === 0) lines.push(`${c},1997-03-1${c % 10},${5 + c}`);
    if (c % 3 === 0) lines.push(`${c},1997-05-2${c % 10},${7 + c}`);
  }
  lines.push('5,1997-04-01,-3');
  lines.push('6,1997-02-30,4');
  const file = info.outputPath('log.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  await page.getByTestId('import-data').setInputFiles(file);
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await expect(page.getByTestId('map-customer_id')).toHaveValue('0');
  await expect(page.getByTestId('map-date')).toHaveValue('1');
  await expect(page.getByTestId('map-amount')).toHaveValue('2');
  await fullShot(page, `${SHOTS}cb-zh-CN-mapping.png`);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('data-source')).toContainText('log.csv');
  await expect.poll(() => value(page, 'result-customers')).toBe(12);
  await expect(page.getByTestId('data-issues')).toContainText('2');
  await expect(page.getByTestId('result-params-r')).toBeVisible();
  // Twelve customers: the fit converges, and the page says why it is still rough.
  await expect(page.getByTestId('fit-warnings')).toHaveAttribute('data-value', /few_customers/);
  await expect(page.getByTestId('fit-warnings')).toContainText('客户太少');
  await page.getByTestId('fit-warnings').screenshot({ path: `${SHOTS}cb-zh-CN-fit-warnings.png` });
  // With a log in memory the dates are editable and re-summarise it.
  await page.getByTestId('input-observation_end').fill('1997-04-30');
  await expect.poll(() => value(page, 'result-transactions')).toBeLessThan(12 + 6 + 4);
  // A calibration end splits the log: the holdout is predicted and compared.
  await page.getByTestId('input-observation_end').fill('');
  await page.getByTestId('input-calibration_end').fill('1997-03-31');
  await expect(page.getByTestId('tracking-chart')).toBeVisible();
  await expect.poll(() => value(page, 'result-holdout-actual_total')).toBe(4);
  await page.setViewportSize({ width: 360, height: 640 });
  await noHorizontalScroll(page);
  await fullShot(page, `${SHOTS}cb-zh-CN-phone.png`);
  // Back to the sample data.
  await page.getByTestId('sample-data').click();
  await expect.poll(() => value(page, 'result-customers')).toBe(1000);
});

/** Opens the customer base and imports a summary of 40 customers (documented column names). */
async function importSummary(page, info) {
  await open(page, 'lang=en&calc=customer_base');
  await expect(page.getByTestId('result-params-r')).toBeVisible();
  const rows = ['customer_id,frequency,recency,T,monetary_value'];
  for (let i = 0; i < 40; i++) rows.push(`c${i},${i % 4},${(i % 4) * 5},${30 + (i % 7)},${i % 4 ? 20 + i : 0}`);
  const file = info.outputPath('summary.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  await page.getByTestId('import-data').setInputFiles(file);
  await expect.poll(() => value(page, 'result-customers')).toBe(40);
}

test('a summary with the documented column names imports without the mapping step; bad files are refused', async ({ page }, info) => {
  await importSummary(page, info);
  await expect(page.getByTestId('import-mapping')).toHaveCount(0);
  await expect(page.getByTestId('input-observation_end')).toHaveAttribute('readonly');
  // A file that is not a table is refused and the data stay.
  const bad = info.outputPath('bad.csv');
  writeFileSync(bad, '\u0000\u0001garbage');
  await page.getByTestId('import-data').setInputFiles(bad);
  await expect(page.getByTestId('data-error').or(page.getByTestId('import-mapping'))).toBeVisible();
  await expect.poll(() => value(page, 'result-customers')).toBe(40);
});

test('a reload keeps the user\'s own data; a link with other settings shows its own view and saves over nothing', async ({ page }, info) => {
  await importSummary(page, info);
  await typeInto(page, 'horizon_months', '24');
  await expect.poll(() => new URL(page.url()).searchParams.get('horizon_months')).toBe('24');
  // The address carries the settings, not the data: the reload takes the data from autosave.
  await page.reload();
  await expect.poll(() => value(page, 'result-customers')).toBe(40);
  await expect(page.getByTestId('input-horizon_months')).toHaveValue('24');
  await expect(page.getByTestId('notice')).toHaveCount(0);
  // Somebody else's link (other settings) shows the sample with its settings ...
  await page.goto(page.url().replace('horizon_months=24', 'horizon_months=36'));
  await expect.poll(() => value(page, 'result-customers')).toBe(1000);
  await expect(page.getByTestId('input-horizon_months')).toHaveValue('36');
  // ... and the user's data are still theirs on the next plain visit.
  await page.goto('./?lang=en&calc=customer_base');
  await expect.poll(() => value(page, 'result-customers')).toBe(40);
});

test('a long import shows its progress and can be cancelled; the previous data and results stay', async ({ page }, info) => {
  await open(page, 'lang=en&calc=customer_base');
  await expect(page.getByTestId('result-params-r')).toBeVisible();
  await expect.poll(() => value(page, 'result-total_clv')).toBeGreaterThan(0);
  const before = await value(page, 'result-total_clv');
  // The worker reads 400,000 transactions in well under a second, faster than
  // a click: the test holds the file's job back from the worker (as a slow
  // phone would take long over it), so the cancel always meets a running task.
  const release = await holdWorkerFiles(page);
  const lines = ['customer_id,date,amount'];
  for (let i = 0; i < 400000; i++) lines.push(`${i % 40000},1997-0${1 + (i % 9)}-1${i % 10},${(i % 50) + 1}`);
  const file = info.outputPath('big.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  await page.getByTestId('import-data').setInputFiles(file);
  await expect(page.getByTestId('task-progress')).toBeVisible();
  await page.getByTestId('task-cancel').click();
  await expect(page.getByTestId('task-progress')).toHaveCount(0);
  await release();
  await expect(page.getByTestId('data-source')).toContainText('1,000 customers');
  await expect.poll(() => value(page, 'result-total_clv')).toBe(before);
  // The worker starts again for the next task.
  await page.getByTestId('input-model').selectOption('pareto_nbd');
  await expect(page.getByTestId('result-params-s')).toBeVisible();
});

test('import problems are reported in the user\'s language', async ({ page }, info) => {
  await open(page, 'lang=zh-CN&calc=customer_base');
  await expect(page.getByTestId('result-params-r')).toBeVisible();
  const file = info.outputPath('empty.csv');
  writeFileSync(file, 'customer_id,date,amount\n');
  await page.getByTestId('import-data').setInputFiles(file);
  await expect(page.getByTestId('data-error')).toContainText('没有');
  await expect.poll(() => value(page, 'result-customers')).toBe(1000);
});

test('a visit restored from autosave fits its data (the worker starts after the first render)', async ({ page }) => {
  // Any earlier visit leaves autosaved inputs; the next page restores them.
  await open(page, 'lang=en&calc=customer_value');
  await expect(page.getByTestId('result-satisfaction_swing')).toHaveAttribute('data-value', '130000');
  await page.goto('./?lang=en&calc=customer_base');
  await expect(page.getByTestId('result-params-r')).toHaveAttribute('data-value', /\d/);
  await page.reload();
  await expect(page.getByTestId('result-params-r')).toHaveAttribute('data-value', /\d/);
  await expect(page.getByTestId('task-progress')).toHaveCount(0);
});
