// The retention curve calculator: cohorts in, the sBG fit, DEL and DERL out,
// and the fitted curve sent to the customer value calculator.
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect, open, fixed, noHorizontalScroll, SHOTS, fullShot } from './helpers.mjs';

const value = async (page, id) => Number(await page.getByTestId(id).getAttribute('data-value'));
const cell = (page, i, t) => page.getByTestId(`input-cohorts-${i}-active-${t}`);

test('the published cohorts reproduce α, β and DERL; a rising count is refused at its cell', async ({ page }) => {
  await open(page, 'lang=en&calc=retention_curve');
  // A fresh page shows the high-end preset (Fader & Hardie 2007).
  await expect(page.getByTestId('result-alpha')).toBeVisible();
  await expect.poll(() => fixed(value(page, 'result-alpha'), 3)).toBe('0.668');
  await expect.poll(() => fixed(value(page, 'result-beta'), 3)).toBe('3.806');
  await expect.poll(() => fixed(value(page, 'result-derl-7'), 3)).toBe('7.530');
  await expect(page.getByTestId('undervaluation-explained')).toContainText('undervalues customers by');
  await expect(page.getByTestId('step-del')).toBeVisible();
  await page.getByTestId('preset-rc-regular').click();
  await expect.poll(() => value(page, 'result-alpha').then((a) => a.toFixed(3))).toBe('0.704');
  await expect.poll(() => fixed(value(page, 'result-beta'), 3)).toBe('1.182');
  // A count that rises gets a message at that cell, and no fit is shown.
  await cell(page, 0, 3).fill('500');
  await expect(page.getByTestId('error-cohorts-0-active-3')).toContainText('counts cannot rise');
  await expect(page.getByTestId('rc-waiting')).toBeVisible();
  await cell(page, 0, 3).fill('382');
  await expect(page.getByTestId('result-alpha')).toBeVisible();
  // Settings are in the URL.
  await page.getByTestId('input-discount_rate').fill('15');
  await expect(page).toHaveURL(/discount_rate=0.15/);
});

test('paste two cohorts, import a transposed CSV after confirming its layout, add and remove cohorts', async ({ page }, info) => {
  await open(page, 'lang=en&calc=retention_curve');
  await page.getByTestId('cohort-paste').fill('2019\t1000\t869\t743\t653\n2020\t800\t700\t610');
  await expect(page.getByTestId('paste-preview')).toContainText('Found 2 cohorts');
  await page.getByTestId('paste-apply').click();
  await expect(page.getByTestId('input-cohorts-1-name')).toHaveValue('2020');
  await expect(cell(page, 1, 2)).toHaveValue('610');
  await expect(page.getByTestId('result-alpha')).toBeVisible();
  // One cohort per column, names in the header: read as columns, confirmed by the user.
  const file = info.outputPath('cohorts.csv');
  writeFileSync(file, 'North,South\n1000,500\n850,410\n760,350\n700,310\n');
  await page.getByTestId('import-cohorts').setInputFiles(file);
  await expect(page.getByTestId('paste-layout')).toHaveValue('columns');
  await page.getByTestId('paste-apply').click();
  await expect(page.getByTestId('input-cohorts-0-name')).toHaveValue('North');
  await expect(cell(page, 1, 3)).toHaveValue('310');
  await page.getByTestId('add-cohort').click();
  await expect(page.getByTestId('input-cohorts-2-name')).toBeVisible();
  await page.getByTestId('remove-cohort-2').click();
  await expect(page.getByTestId('input-cohorts-2-name')).toHaveCount(0);
});

test('the fitted curve drives the customer value retention model, visibly, and the link can be broken', async ({ page }) => {
  await open(page, 'lang=en&calc=retention_curve');
  await expect(page.getByTestId('result-alpha')).toBeVisible();
  await page.getByTestId('send-to-customer-value').click();
  await expect(page).toHaveURL(/calc=customer_value/);
  await expect(page.getByTestId('link-retention_curve')).toContainText('retention curve calculator');
  await expect(page.getByTestId('result-retention_clv')).toBeVisible();
  await expect(page.getByTestId('input-cash_flow_timing')).toHaveValue('start');
  // The link survives export and import.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(doc.inputs.retention_curve.length).toBe(10);
  expect(doc.links.retention_curve.calculator).toBe('retention_curve');
  // The retention curve shows the link too.
  await page.getByTestId('calc-tab-retention_curve').click();
  await expect(page.getByTestId('rc-linked')).toBeVisible();
  await page.getByTestId('calc-tab-customer_value').click();
  await page.getByTestId('unlink-retention_curve').click();
  await expect(page.getByTestId('link-retention_curve')).toHaveCount(0);
  await page.getByTestId('import-json').setInputFiles(await download.path());
  await expect(page.getByTestId('link-retention_curve')).toBeVisible();
});

test('retention curve documents export and import', async ({ page }) => {
  await open(page, 'lang=en&calc=retention_curve');
  await page.getByTestId('preset-rc-regular').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  expect(download.suggestedFilename()).toMatch(/^retention-curve-\d{4}-\d{2}-\d{2}\.json$/);
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(doc.calculator).toBe('retention_curve');
  expect(doc.results.alpha.toFixed(3)).toBe('0.704');
  await page.getByTestId('preset-rc-high_end').click();
  await page.getByTestId('import-json').setInputFiles(await download.path());
  await expect.poll(() => value(page, 'result-alpha').then((a) => a.toFixed(3))).toBe('0.704');
});

for (const lang of ['zh-CN', 'en']) {
  test(`retention curve screenshots (${lang})`, async ({ page }) => {
    await open(page, `lang=${lang}&calc=retention_curve`);
    await expect(page.getByTestId('result-alpha')).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 900 });
    await fullShot(page, `${SHOTS}rc-${lang}-desktop.png`);
    await page.setViewportSize({ width: 360, height: 640 });
    await noHorizontalScroll(page);
    await fullShot(page, `${SHOTS}rc-${lang}-phone.png`);
  });
}
