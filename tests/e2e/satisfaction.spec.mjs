// The satisfaction gap calculator: a student's own attributes, a teacher's
// SERVQUAL survey, a manager's importance–performance view.
import { writeFileSync } from 'node:fs';
import { test, expect, open, resultValue, typeInto, noHorizontalScroll, SHOTS, fullShot, holdWorkerFiles } from './helpers.mjs';

const verdict = (page, id) => page.getByTestId(id).getAttribute('data-value');

test('fill a custom instrument and read the verdicts', async ({ page }) => {
  await open(page, 'lang=en&calc=satisfaction_gap');
  await page.getByTestId('input-instrument').selectOption('custom');
  await expect(page.locator('[data-testid^=input-items-][data-testid$=-label]')).toHaveCount(3);
  const rows = [['Speed', '6', '5'], ['Friendliness', '5', '6'], ['Accuracy', '7', '7']];
  for (const [i, [name, e, p]] of rows.entries()) {
    await typeInto(page, `items-${i}-label`, name);
    await typeInto(page, `items-${i}-expected`, e);
    await typeInto(page, `items-${i}-perceived`, p);
  }
  await expect.poll(() => resultValue(page, 'items-0-gap')).toBe(-1);
  await expect.poll(() => verdict(page, 'result-items-0-verdict')).toBe('below');
  await expect.poll(() => verdict(page, 'result-items-1-verdict')).toBe('exceeds');
  await expect.poll(() => verdict(page, 'result-items-2-verdict')).toBe('meets');
  await expect.poll(() => resultValue(page, 'unweighted_score')).toBe(0);
  await expect(page.getByTestId('result-verdict')).toHaveText('Basically satisfied');
  await page.getByTestId('lang-select').selectOption('zh-CN');
  await expect(page.getByTestId('result-verdict')).toHaveText('基本满意');
  await expect(page.getByTestId('result-items-0-verdict')).toHaveText('不满意');
  await expect(page.getByTestId('result-items-1-verdict')).toHaveText('超出期望');
  // Bad ratings: a message and no stale verdict.
  await typeInto(page, 'items-0-perceived', '9');
  await expect(page.getByTestId('error-items-0-perceived')).toHaveText('不能大于 7');
  await expect(page.getByTestId('result-items-0-verdict')).toHaveText('—');
  await expect(page.getByTestId('result-verdict')).toHaveCount(0);
  // Add and remove attributes.
  await typeInto(page, 'items-0-perceived', '5');
  await page.getByTestId('add-attribute').click();
  await expect(page.locator('[data-testid^=input-items-][data-testid$=-label]')).toHaveCount(4);
  await page.getByTestId('item-3-remove').click();
  await expect(page.locator('[data-testid^=input-items-][data-testid$=-label]')).toHaveCount(3);
});

test('SERVQUAL with weights: scores and importance–performance quadrants', async ({ page }) => {
  await open(page, 'lang=en&calc=satisfaction_gap');
  await page.getByTestId('preset-sg-servqual').click();
  await expect(page.locator('[data-testid$=-expected][data-testid^=input-items-]')).toHaveCount(22);
  await expect.poll(() => resultValue(page, 'unweighted_score')).toBeCloseTo(-0.6, 12);
  await expect.poll(() => resultValue(page, 'weighted_score')).toBeCloseTo(-0.7, 12);
  await expect(page.getByTestId('result-verdict')).toHaveAttribute('data-value', 'below');
  const quadrant = (d) => page.getByTestId(`result-dimensions-${d}-ipa_quadrant`).getAttribute('data-value');
  await expect.poll(() => quadrant('tangibles')).toBe('possible_overkill');
  await expect.poll(() => quadrant('reliability')).toBe('concentrate_here');
  await expect.poll(() => quadrant('responsiveness')).toBe('keep_up');
  await expect.poll(() => quadrant('assurance')).toBe('keep_up');
  await expect.poll(() => quadrant('empathy')).toBe('concentrate_here');
  await expect(page.getByTestId('weight-total')).toHaveAttribute('data-value', '100');
  await typeInto(page, 'weights-tangibles', '30');
  await expect(page.getByTestId('weight-total')).toHaveAttribute('data-value', '120');
  await page.getByTestId('toggle-weights').uncheck();
  await expect(page.getByTestId('result-weighted_score')).toHaveText('—');
  await expect(page.locator('svg[aria-labelledby="ipa-t ipa-d"] circle')).toHaveCount(5);
  await expect(page.locator('svg[aria-labelledby="gap-t gap-d"] rect')).toHaveCount(5);
});

function surveyCsv() {
  return 'e_speed,e_friendliness,e_accuracy,p_speed,p_friendliness,p_accuracy\n'
    + '5,6,7,4,4,4\n4,5,5,5,5,5\n6,6,7,6,6,6\n3,,4,7,7,7\n5,5,6,1,2,3\n';
}

test('upload a survey CSV, read respondents and alpha, and the template', async ({ page }, info) => {
  await open(page, 'lang=en&calc=satisfaction_gap');
  const file = info.outputPath('survey.csv');
  writeFileSync(file, surveyCsv());
  await page.getByTestId('import-survey-csv').setInputFiles(file);
  await expect(page.getByTestId('result-survey-respondents')).toHaveAttribute('data-value', '5');
  // α computed independently (Python statistics.variance, listwise): 0.9152542372881356.
  await expect(page.getByTestId('input-items-0-expected')).toHaveValue('4.6');
  // Each attribute is its own dimension: α is undefined and shown as a dash.
  await expect(page.getByTestId('result-alpha-speed-expected')).toHaveText('—');
  // Put all three in one dimension and import again: α appears.
  for (const i of [0, 1, 2]) await typeInto(page, `items-${i}-dimension`, 'service');
  await page.getByTestId('import-survey-csv').setInputFiles(file);
  await expect(page.getByTestId('result-alpha-service-expected')).toHaveAttribute('data-value', /^0\.91525423728813/);
  await expect.poll(async () => Number(await page.getByTestId('result-alpha-service-perceived').getAttribute('data-value'))).toBeGreaterThan(0.7);
  // The means cannot give α back: the inputs carry it, so a reload and a document show it again.
  await page.reload();
  await expect(page.getByTestId('result-alpha-service-expected')).toHaveAttribute('data-value', /^0\.91525423728813/);
  await expect(page.getByTestId('result-survey-respondents')).toHaveAttribute('data-value', '5');
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  await page.getByTestId('preset-sg-custom').click();
  await expect(page.getByTestId('result-survey-respondents')).toHaveCount(0);
  await page.getByTestId('import-json').setInputFiles(await saved.path());
  await expect(page.getByTestId('result-alpha-service-expected')).toHaveAttribute('data-value', /^0\.91525423728813/);
  // A new rating is no longer the survey's mean: α goes.
  await typeInto(page, 'items-0-expected', '5');
  await expect(page.getByTestId('result-survey-respondents')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-survey-template').click()]);
  expect(download.suggestedFilename()).toBe('survey-custom-template.csv');
});

test('a survey is read by the Web Worker: the page answers meanwhile, shows progress, and cancel changes nothing', async ({ page }, info) => {
  await open(page, 'lang=en&calc=satisfaction_gap');
  const before = await page.getByTestId('input-items-2-expected').inputValue();
  // 196,000 respondents take the worker well under a second, faster than a
  // click: the test holds the file's job back from the worker (as a slow
  // phone would take long over it), so the cancel always meets a running task.
  const release = await holdWorkerFiles(page);
  const rows = ['e_speed,e_friendliness,e_accuracy,p_speed,p_friendliness,p_accuracy'];
  for (let i = 0; i < 196000; i++) rows.push(`${1 + (i % 7)},${1 + ((i * 3) % 7)},5,${1 + ((i * 5) % 7)},4,6`);
  const file = info.outputPath('big-survey.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  await page.getByTestId('import-survey-csv').setInputFiles(file);
  await expect(page.getByTestId('task-progress')).toBeVisible();
  // The page is not busy with the file: an edit is answered at once.
  await expect(page.getByTestId('result-items-0-verdict')).toHaveAttribute('data-value', 'below');
  await typeInto(page, 'items-0-perceived', '7');
  await expect(page.getByTestId('result-items-0-verdict')).toHaveAttribute('data-value', 'exceeds');
  await page.getByTestId('task-cancel').click();
  await expect(page.getByTestId('task-progress')).toHaveCount(0);
  await expect(page.getByTestId('notice')).toContainText('Cancelled');
  await expect(page.getByTestId('input-items-2-expected')).toHaveValue(before);
  await expect(page.getByTestId('result-survey-respondents')).toHaveCount(0);
  // The worker starts again for the next file, which imports.
  await release();
  await page.getByTestId('import-survey-csv').setInputFiles(file);
  await expect(page.getByTestId('result-survey-respondents')).toHaveAttribute('data-value', '196000');
  // The means: every rating 1–7 equally often (4), and the constant columns.
  await expect(page.getByTestId('input-items-0-expected')).toHaveValue('4');
  await expect(page.getByTestId('input-items-0-perceived')).toHaveValue('4');
  await expect(page.getByTestId('input-items-2-expected')).toHaveValue('5');
  await expect(page.getByTestId('input-items-2-perceived')).toHaveValue('6');
  await expect(page.getByTestId('task-progress')).toHaveCount(0);
});

test('broken CSVs show clear errors and leave the previous state intact', async ({ page }, info) => {
  await open(page, 'lang=en&calc=satisfaction_gap');
  const before = await page.getByTestId('input-items-0-expected').inputValue();
  const cases = [
    ['wrong-header.csv', 'q1,q2\n1,2\n', 'row 1, column q1: unknown column'],
    ['nine.csv', surveyCsv().replace('5,6,7,4,4,4', '5,6,9,4,4,4'), 'row 2, column e_accuracy: 9 is outside the scale 1–7'],
    ['text.csv', surveyCsv().replace('4,5,5,5,5,5', '4,five,5,5,5,5'), 'row 3, column e_friendliness: "five" is not a number'],
    ['empty.csv', '', 'the file is empty'],
    ['binary.csv', Buffer.from([0, 1, 2, 255, 254, 0, 7]), 'not a text CSV file'],
  ];
  for (const [name, body, message] of cases) {
    const file = info.outputPath(name);
    writeFileSync(file, body);
    await page.getByTestId('import-survey-csv').setInputFiles(file);
    await expect(page.getByTestId('survey-errors')).toContainText(message);
    await expect(page.getByTestId('input-items-0-expected')).toHaveValue(before);
    await expect(page.getByTestId('result-survey-respondents')).toHaveCount(0);
  }
});

test('satisfaction gap documents export and import', async ({ page }) => {
  await open(page, 'lang=en&calc=satisfaction_gap');
  await page.getByTestId('preset-sg-servqual').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  expect(download.suggestedFilename()).toMatch(/^satisfaction-gap-\d{4}-\d{2}-\d{2}\.json$/);
  await page.getByTestId('preset-sg-custom').click();
  await page.getByTestId('import-json').setInputFiles(await download.path());
  await expect.poll(() => resultValue(page, 'weighted_score')).toBeCloseTo(-0.7, 12);
});

test('a teacher presets SERVQUAL, the scale and the tolerance by URL; a 22-item survey imports into it', async ({ page }, info) => {
  await open(page, 'lang=en&calc=satisfaction_gap&instrument=servqual22&scale_min=1&scale_max=5&tolerance=0.5');
  await expect(page.getByTestId('input-instrument')).toHaveValue('servqual22');
  await expect(page.getByTestId('input-scale_max')).toHaveValue('5');
  await expect(page.getByTestId('input-tolerance')).toHaveValue('0.5');
  await expect(page.getByTestId('input-items-21-expected')).toBeVisible();
  // Three respondents: expectations 5 everywhere; perceptions 4 on reliability (q5–q9), else 5.
  const header = [...Array(22).keys()].map((i) => `e${i + 1}`).concat([...Array(22).keys()].map((i) => `p${i + 1}`));
  const row = [...Array(22).fill(5), ...[...Array(22).keys()].map((i) => (i >= 4 && i <= 8 ? 4 : 5))];
  const file = info.outputPath('servqual.csv');
  writeFileSync(file, [header, row, row, row].map((r) => r.join(',')).join('\n') + '\n');
  await page.getByTestId('import-survey-csv').setInputFiles(file);
  await expect(page.getByTestId('result-survey-respondents')).toHaveAttribute('data-value', '3');
  await expect(page.getByTestId('result-dimensions-reliability-gap')).toHaveAttribute('data-value', '-1');
  await expect(page.getByTestId('result-dimensions-tangibles-gap')).toHaveAttribute('data-value', '0');
  // The URL still carries the teacher's settings.
  await expect(page).toHaveURL(/instrument=servqual22/);
  await expect(page).toHaveURL(/tolerance=0.5/);
});

for (const lang of ['zh-CN', 'en']) {
  test(`satisfaction gap screenshots (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, `lang=${lang}&calc=satisfaction_gap`);
    await page.getByTestId('preset-sg-servqual').click();
    await fullShot(page, `${SHOTS}sg-${lang}-desktop.png`);
    await page.setViewportSize({ width: 360, height: 780 });
    await noHorizontalScroll(page);
    await fullShot(page, `${SHOTS}sg-${lang}-phone.png`);
  });
}
