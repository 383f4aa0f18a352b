// What-if tools for managers: scenarios, tornado, goal seek, Monte Carlo.
import { readFileSync } from 'node:fs';
import { test, expect, open, resultValue, typeInto, shareLink } from './helpers.mjs';

const put = (page, id, text) => page.getByTestId(id).fill(text);
const dv = async (page, id) => Number(await page.getByTestId(id).getAttribute('data-value'));

test('save two scenarios and read the comparison; they survive export, import and the URL', async ({ page, browser }) => {
  await open(page, 'lang=en');
  await put(page, 'scenario-name', 'Loyalty card');
  await typeInto(page, 'spend_per_purchase', '60');
  await page.getByTestId('save-scenario').click();
  await typeInto(page, 'spend_per_purchase', '50');
  await typeInto(page, 'dissatisfied_tell_count', '5');
  // Enter in the name box saves, as the button does.
  await put(page, 'scenario-name', 'Fewer complaints');
  await page.getByTestId('scenario-name').press('Enter');
  await expect(page.getByTestId('scenario-name')).toHaveValue('');
  await typeInto(page, 'dissatisfied_tell_count', '10');
  // Baseline: the course exercise.
  await expect.poll(() => dv(page, 'compare-satisfaction_swing-base')).toBe(130000);
  await expect.poll(() => dv(page, 'compare-satisfaction_swing-0')).toBe(156000);
  await expect.poll(() => dv(page, 'compare-satisfaction_swing-0-delta')).toBe(26000);
  await expect.poll(async () => Number(await page.getByTestId('compare-satisfaction_swing-0-delta').getAttribute('data-relative'))).toBeCloseTo(0.2, 12);
  await expect.poll(() => dv(page, 'compare-dissatisfied_customer_loss-1')).toBe(52000);
  // Rename and load a scenario into the form.
  await put(page, 'scenario-0-name', 'Card');
  await page.getByTestId('scenario-0-load').click();
  await expect(page.getByTestId('input-spend_per_purchase')).toHaveValue('60');
  // Export carries the scenarios; a fresh page imports them.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(doc.scenarios.map((s) => s.name)).toEqual(['Card', 'Fewer complaints']);
  expect(doc.scenarios[0].results.satisfaction_swing).toBe(156000);
  const ctx = await browser.newContext();
  const fresh = await ctx.newPage();
  await open(fresh, 'lang=en');
  await fresh.getByTestId('import-json').setInputFiles(await download.path());
  await expect(fresh.getByTestId('scenario-1-name')).toHaveValue('Fewer complaints');
  // The URL carries them too.
  const other = await ctx.newPage();
  await other.goto(await shareLink(page));
  await expect(other.getByTestId('scenario-0-name')).toHaveValue('Card');
  await ctx.close();
  // Delete.
  await page.getByTestId('scenario-0-delete').click();
  await expect(page.getByTestId('scenario-0-name')).toHaveValue('Fewer complaints');
});

test('a ninth scenario is refused with a message', async ({ page }) => {
  await open(page, 'lang=en');
  for (let i = 0; i < 8; i++) await page.getByTestId('save-scenario').click();
  await expect(page.getByTestId('scenario-7-name')).toHaveValue('Scenario 8');
  await page.getByTestId('save-scenario').click();
  await expect(page.getByTestId('notice')).toContainText('At most 8 scenarios');
  await expect(page.locator('[data-testid^=scenario-][data-testid$=-delete]')).toHaveCount(8);
});

test('tornado sensitivity ranks the inputs', async ({ page }) => {
  await open(page, 'lang=en');
  await put(page, 'sensitivity-p', '10');
  await page.getByTestId('run-sensitivity').click();
  await expect.poll(() => dv(page, 'tornado-spend_per_purchase')).toBeCloseTo(26000, 6);
  await expect(page.getByTestId('tornado-retell_count')).toContainText('not varied');
  const swings = await page.locator('[data-testid^=tornado-][data-value]').evaluateAll((els) => els.map((e) => Number(e.dataset.value)));
  expect(swings.length).toBeGreaterThan(5);
  expect([...swings].sort((a, b) => b - a)).toEqual(swings);
  await expect(page.locator('.tornado rect')).toHaveCount(swings.length);
});

test('goal seek finds break-even values and says when a target is unreachable', async ({ page }) => {
  await open(page, 'lang=en&spend_per_purchase=100&period=year&retention_rate=0.5&discount_rate=0.1');
  await page.getByTestId('goal-input').selectOption('retention_rate');
  await page.getByTestId('goal-output').selectOption('retention_clv_perpetuity');
  await put(page, 'goal-target', '266.6666666667');
  await page.getByTestId('run-goal-seek').click();
  await expect(page.getByTestId('goal-result')).toHaveAttribute('data-status', 'found');
  await expect.poll(() => dv(page, 'goal-result')).toBeCloseTo(0.8, 8);
  // A new target drops the old answer; an unreadable one cannot be solved, also not by Enter.
  await put(page, 'goal-target', 'abc');
  await expect(page.getByTestId('goal-result')).toHaveCount(0);
  await expect(page.getByTestId('run-goal-seek')).toBeDisabled();
  await page.getByTestId('goal-target').press('Enter');
  await expect(page.getByTestId('error-goal-target')).toBeVisible();
  await expect(page.getByTestId('goal-result')).toHaveCount(0);
  // Enter in the target box solves, as the button does.
  await put(page, 'goal-target', '-5');
  await page.getByTestId('goal-target').press('Enter');
  await expect(page.getByTestId('goal-result')).toHaveAttribute('data-status', 'unreachable');
  await expect(page.getByTestId('goal-result')).toContainText('cannot reach');
  // Delivered value: the monetary cost at which our offer is the best.
  await page.getByTestId('calc-tab-delivered_value').click();
  await typeInto(page, 'offers-0-monetary_cost', '150');
  await page.getByTestId('goal-input').selectOption('monetary_cost');
  await page.getByTestId('goal-output').selectOption('gap_to_best');
  await put(page, 'goal-target', '0');
  await page.getByTestId('run-goal-seek').click();
  await expect.poll(() => dv(page, 'goal-result')).toBeCloseTo(125, 6);
});

test('a Monte Carlo run reports a range, is reproducible by seed, and can be cancelled', async ({ page }) => {
  await open(page, 'lang=en');
  await page.getByTestId('mc-spend_per_purchase-on').check();
  await put(page, 'mc-spend_per_purchase-min', '40');
  await put(page, 'mc-spend_per_purchase-mode', '50');
  await put(page, 'mc-spend_per_purchase-max', '70');
  await page.getByTestId('mc-conversion_rate-on').check();
  await put(page, 'mc-draws', '20000');
  await put(page, 'mc-seed', '7');
  await page.getByTestId('run-monte-carlo').click();
  await expect(page.getByTestId('mc-mean')).toBeVisible();
  await expect(page.getByTestId('mc-progress')).toHaveCount(0);
  const first = { mean: await dv(page, 'mc-mean'), p5: await dv(page, 'mc-p5'), p95: await dv(page, 'mc-p95') };
  expect(first.p5).toBeLessThan(first.mean);
  expect(first.mean).toBeLessThan(first.p95);
  await expect(page.locator('.histogram rect')).toHaveCount(24);
  // Same seed, same summary.
  await put(page, 'mc-draws', '20001');
  await put(page, 'mc-draws', '20000');
  await page.getByTestId('run-monte-carlo').click();
  await expect(page.getByTestId('mc-progress')).toHaveCount(0);
  await expect.poll(() => dv(page, 'mc-mean')).toBe(first.mean);
  // The summary goes into the document.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(doc.analysis.monte_carlo.seed).toBe(7);
  expect(doc.analysis.monte_carlo.summary.mean).toBe(first.mean);
  expect(doc.analysis.monte_carlo.ranges.spend_per_purchase).toEqual({ min: 40, mode: 50, max: 70 });
  // A long run shows progress and stops on cancel.
  await put(page, 'mc-draws', '1000000');
  await page.getByTestId('run-monte-carlo').click();
  await expect(page.getByTestId('mc-progress')).toBeVisible();
  await page.getByTestId('cancel-monte-carlo').click();
  await expect(page.getByTestId('mc-message')).toHaveText('Cancelled.');
  await expect.poll(() => dv(page, 'mc-mean')).toBe(first.mean);
  // Bad ranges are refused with a message.
  await put(page, 'mc-spend_per_purchase-min', '90');
  await page.getByTestId('run-monte-carlo').click();
  await expect(page.getByTestId('mc-message')).toContainText('Correct the ranges marked in the table');
});
