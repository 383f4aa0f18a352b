// The course chain, walked end to end as a student would in one session:
// survey → gap → word of mouth → value; cohorts → retention → value; the
// customer base's model → value; the retention economics panel and the
// word-of-mouth ripple; delivered value's gap → goal seek. Every link is
// visible, editable, breakable, and survives share links and export/import.
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect, open, typeInto, fixed, SHOTS, shareLink } from './helpers.mjs';

const value = async (page, testid) => {
  const v = await page.getByTestId(testid).getAttribute('data-value');
  return v === null ? null : Number(v);
};

/** A SERVQUAL survey of 6 respondents whose item means are 5 expected and
 * 6 perceived for q1–q8 (exceed), 5 for q9–q15 (meet), 4 for q16–q22 (below). */
function servqualSurvey() {
  const header = [...Array(22).keys()].map((i) => `e${i + 1}`).concat([...Array(22).keys()].map((i) => `p${i + 1}`));
  const rows = [header.join(',')];
  for (let k = 0; k < 6; k++) {
    const offset = (k % 3) - 1;
    const p = [...Array(22).keys()].map((i) => (i < 8 ? 6 : i < 15 ? 5 : 4) + offset);
    rows.push([...Array(22).fill(5), ...p].join(','));
  }
  return rows.join('\n') + '\n';
}

test('survey → gap → word of mouth → value, with the assumption stated, editable and breakable', async ({ page }, info) => {
  const log = await open(page, 'lang=en&calc=satisfaction_gap&instrument=servqual22');
  const file = info.outputPath('servqual.csv');
  writeFileSync(file, servqualSurvey());
  await page.getByTestId('import-survey-csv').setInputFiles(file);
  await expect(page.getByTestId('result-survey-respondents')).toHaveAttribute('data-value', '6');
  await expect(page.getByTestId('result-items-0-verdict')).toHaveAttribute('data-value', 'exceeds');
  await expect(page.getByTestId('result-items-21-verdict')).toHaveAttribute('data-value', 'below');
  await page.getByTestId('send-to-customer-value').click();
  await expect(page).toHaveURL(/calc=customer_value/);
  // 8 exceed + 7 meet of 22 items are satisfied; 7 of 22 are below.
  await expect(page.getByTestId('input-satisfied_share')).toHaveValue('68.1818');
  await expect(page.getByTestId('input-dissatisfied_share')).toHaveValue('31.8182');
  await expect(page.getByTestId('link-satisfied_share')).toContainText('8 of 22 items exceeded expectations and 7 met them');
  await expect(page.getByTestId('step-satisfied_share')).toContainText('(8 + 7) ÷ 22 = 68.18%');
  // 0.6818 × 26,000 − 0.3182 × 52,000 per customer.
  await expect.poll(() => fixed(value(page, 'result-expected_word_of_mouth_value'), 2)).toBe((0.681818 * 26000 - 0.318182 * 52000).toFixed(2));
  // The assumption is the student's to change: "meets" as neutral.
  await page.getByTestId('link-assume-meets').uncheck();
  await expect(page.getByTestId('input-satisfied_share')).toHaveValue('36.3636');
  await expect(page.getByTestId('link-satisfied_share')).toContainText('items that only met them (7) count as neutral');
  await expect.poll(() => fixed(value(page, 'result-expected_word_of_mouth_value'), 2)).toBe((0.363636 * 26000 - 0.318182 * 52000).toFixed(2));
  // The satisfaction gap says where its shares went.
  await page.getByTestId('calc-tab-satisfaction_gap').click();
  await expect(page.getByTestId('sg-linked')).toBeVisible();
  // The link follows the survey: a better perception of q22 moves the shares.
  await page.getByTestId('input-items-21-perceived').fill('5');
  await page.getByTestId('calc-tab-customer_value').click();
  await expect(page.getByTestId('input-dissatisfied_share')).toHaveValue('27.2727');
  // The share link of this view carries the links.
  const url = await shareLink(page);
  await page.evaluate(() => localStorage.clear());
  await page.goto(url);
  await expect(page.getByTestId('link-satisfied_share')).toBeVisible();
  await expect(page.getByTestId('input-satisfied_share')).toHaveValue('36.3636');
  // Export and import keep them.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(doc.links.satisfied_share).toMatchObject({ calculator: 'satisfaction_gap', result: 'items', value: 0.363636,
    assumption: { meets_as_satisfied: false, exceeds: 8, meets: 8, below: 6 } });
  expect(doc.inputs.satisfied_share).toBe(0.363636);
  expect(doc.results.expected_word_of_mouth_value).toBeCloseTo(0.363636 * 26000 - 0.272727 * 52000, 6);
  // Typing into a linked input breaks its link and keeps the typed value.
  await typeInto(page, 'dissatisfied_share', '10');
  await expect(page.getByTestId('link-dissatisfied_share')).toHaveCount(0);
  await expect(page.getByTestId('link-satisfied_share')).toBeVisible();
  await page.getByTestId('unlink-satisfied_share').click();
  await expect(page.getByTestId('link-satisfied_share')).toHaveCount(0);
  await expect(page.getByTestId('input-satisfied_share')).toHaveValue('36.3636');
  await page.getByTestId('import-json').setInputFiles(await download.path());
  await expect(page.getByTestId('link-satisfied_share')).toBeVisible();
  await expect(page.getByTestId('link-dissatisfied_share')).toBeVisible();
  expect(log.errors).toEqual([]);
});

test('cohorts → retention → value, and the customer base model → spend, frequency and retention', async ({ page }) => {
  const log = await open(page, 'lang=en&calc=retention_curve');
  await page.getByTestId('preset-rc-high_end').click();
  await expect(page.getByTestId('result-alpha')).toBeVisible();
  await page.getByTestId('send-to-customer-value').click();
  await expect(page.getByTestId('link-retention_curve')).toContainText('Retention curve');
  await expect(page.getByTestId('step-retention_curve')).toContainText('S(1) ÷ S(0)');
  await expect.poll(() => value(page, 'result-retention_clv')).toBeGreaterThan(0);
  // The customer base's fitted models replace the curve and supply spend and frequency.
  await page.getByTestId('calc-tab-customer_base').click();
  await expect.poll(() => value(page, 'result-params-r')).toBeGreaterThan(0);
  await expect.poll(() => value(page, 'result-spend_params-p')).toBeGreaterThan(0);
  await page.getByTestId('send-to-customer-value').click();
  await expect(page).toHaveURL(/calc=customer_value/);
  await expect(page.getByTestId('link-spend_per_purchase')).toContainText('Gamma-Gamma');
  await expect(page.getByTestId('link-purchases_per_period')).toContainText('r / α');
  await expect(page.getByTestId('link-retention_curve')).toContainText('customer base');
  await expect(page.getByTestId('input-period')).toHaveValue('year');
  await expect(page.getByTestId('step-spend_per_purchase')).toContainText('p × v ÷ (q − 1)');
  await expect.poll(() => value(page, 'result-retention_clv')).toBeGreaterThan(0);
  // The customer base shows the link; unlinking the curve keeps spend linked.
  await page.getByTestId('calc-tab-customer_base').click();
  await expect(page.getByTestId('cb-linked')).toBeVisible();
  await page.getByTestId('calc-tab-customer_value').click();
  await expect(page.getByTestId('input-cash_flow_timing')).toHaveValue('end');
  await page.getByTestId('unlink-retention_curve').click();
  await expect(page.getByTestId('link-retention_curve')).toHaveCount(0);
  await expect(page.getByTestId('link-spend_per_purchase')).toBeVisible();
  // Back to one rate (the curve's first year's): the retention model stays on.
  await expect(page.getByTestId('toggle-retention')).toBeChecked();
  await expect.poll(() => value(page, 'result-retention_clv')).toBeGreaterThan(0);
  expect(log.errors).toEqual([]);
});

test('retention economics: keeping vs winning, replacing a lost customer, and what indifference costs', async ({ page }) => {
  await open(page, 'lang=en&acquisition_cost=500');
  const panel = page.getByTestId('economics-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('result-retention_cost')).toHaveAttribute('data-value', '100');
  await expect(page.getByTestId('result-replacement_customers')).toHaveAttribute('data-value', '10');
  await expect(page.getByTestId('result-replacement_cost')).toHaveAttribute('data-value', '5000');
  await expect(page.getByTestId('result-retention_saving')).toHaveAttribute('data-value', '4900');
  await expect(page.getByTestId('result-churn_value_lost')).toHaveAttribute('data-value', '2600000');
  await expect.poll(() => fixed(value(page, 'result-indifference_value_lost'), 2)).toBe('1768000.00');
  await expect(page.getByTestId('churn-table')).toContainText('Staff were indifferent to them');
  await expect(page.getByTestId('churn-sum')).toContainText('100%');
  // The table is editable: halve indifference and the value lost follows; the shares no longer add up.
  await typeInto(page, 'churn_indifference', '34');
  await expect.poll(() => fixed(value(page, 'result-churn_reasons-indifference-value_lost'), 2)).toBe('884000.00');
  await expect(page.getByTestId('churn-sum')).toContainText('not 100%');
  await typeInto(page, 'retention_cost_ratio', '6');
  await expect.poll(() => fixed(value(page, 'result-retention_cost'), 4)).toBe((500 / 6).toFixed(4));
  await expect(page.getByTestId('step-retention_cost')).toBeVisible();
  // Goal seek works on the new outputs too (every input and output is declared once).
  await expect(page.locator('[data-testid=goal-output] option[value=indifference_value_lost]')).toHaveCount(1);
});

test('the ripple shows how a dissatisfied customer reaches 500 people', async ({ page }) => {
  await open(page, 'lang=en&dissatisfied_tell_count=25&retell_count=19');
  const ripple = page.getByTestId('ripple');
  await expect(ripple).toContainText('tells 25; each of them tells 19 more (475); 500 people hear in all, and 100 of them will act on it.');
  await expect(ripple.locator('svg[role=img] > title')).toHaveCount(2);
});

test('the gap to the best offer points at the input that closes it cheapest, and goal seek confirms it', async ({ page }) => {
  await open(page, 'lang=en&calc=delivered_value');
  await page.getByTestId('preset-dv-class').click();
  // Make a rival better than ours.
  await typeInto(page, 'offers-1-product_value', '160');
  await expect(page.getByTestId('close-gap')).toBeVisible();
  const cheapest = await page.getByTestId('close-gap-cheapest').getAttribute('data-value');
  await page.getByTestId(`close-gap-${cheapest}`).click();
  await expect(page.getByTestId('goal-result')).toBeVisible();
  await expect(page.getByTestId('goal-input')).toHaveValue(cheapest);
  await expect(page.getByTestId('goal-output')).toHaveValue('delivered_value');
  await expect(page.getByTestId('goal-result')).toHaveAttribute('data-status', 'found');
  // On a phone each row stacks with its labels; nothing runs off the screen.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByTestId('close-gap').scrollIntoViewIfNeeded();
  const overflow = await page.getByTestId('close-gap').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}chain-close-gap-en-phone.png` });
});

for (const [lang, phone] of [['en', false], ['zh-CN', true], ['zh-TW', false]]) {
  test(`the chain's panels in ${lang}${phone ? ' on a phone' : ''}`, async ({ page }) => {
    if (phone) await page.setViewportSize({ width: 360, height: 740 });
    const log = await open(page, `lang=${lang}&acquisition_cost=500&satisfied_share=0.6&dissatisfied_share=0.2&retell_count=2`);
    await expect(page.getByTestId('economics-panel')).toBeVisible();
    await page.getByTestId('economics-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}chain-economics-${lang}${phone ? '-phone' : ''}.png` });
    await page.getByTestId('ripple').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}chain-ripple-${lang}${phone ? '-phone' : ''}.png` });
    expect(log.errors).toEqual([]);
  });
}
