// The customer delivered value calculator as a student and a manager use it.
import { test, expect, open, resultValue, fixed, typeInto, noHorizontalScroll, SHOTS, fullShot, shareLink } from './helpers.mjs';

async function setOffer(page, i, values) {
  for (const [key, text] of Object.entries(values)) await typeInto(page, `offers-${i}-${key}`, String(text));
}

test('build two offers in a fresh page and read ranks and the gap', async ({ page }) => {
  await open(page, 'lang=en&calc=delivered_value');
  // Start from the preset's three offers; remove the third.
  await page.getByTestId('offer-2-remove').click();
  await expect(page.getByTestId('offer-2')).toHaveCount(0);
  await setOffer(page, 0, { name: 'ours', product_value: 100, service_value: 40, personnel_value: 30, image_value: 30, monetary_cost: 120, time_cost: 10, energy_cost: 5, psychic_cost: 5 });
  await setOffer(page, 1, { name: 'rival', product_value: 110, service_value: 20, personnel_value: 20, image_value: 40, monetary_cost: 100, time_cost: 20, energy_cost: 10, psychic_cost: 10 });
  await expect.poll(() => resultValue(page, 'offers-0-delivered_value')).toBe(60);
  await expect.poll(() => resultValue(page, 'offers-1-delivered_value')).toBe(50);
  await expect.poll(() => resultValue(page, 'offers-0-rank')).toBe(1);
  await expect.poll(() => resultValue(page, 'offers-1-rank')).toBe(2);
  await expect.poll(() => fixed(resultValue(page, 'offers-0-value_cost_ratio'), 4)).toBe('1.4286');
  await expect.poll(() => resultValue(page, 'gap_to_best')).toBe(0);
  await expect(page.getByTestId('result-best_offers')).toHaveText('ours');
  // The rival pulls ahead: the gap is explained in words.
  await typeInto(page, 'offers-1-image_value', '60');
  await expect.poll(() => resultValue(page, 'gap_to_best')).toBe(10);
  await expect(page.getByTestId('gap-explanation')).toContainText('cut our total customer cost by $10 to draw level with rival');
  // A tie shares rank 1.
  await typeInto(page, 'offers-1-image_value', '50');
  await expect.poll(() => resultValue(page, 'offers-1-rank')).toBe(1);
  await expect(page.getByTestId('result-best_offers')).toHaveText('ours, rival');
  // The view is in the URL: a new page reproduces it.
  const url = await shareLink(page);
  expect(url).toContain('state=');
  const again = await page.context().newPage();
  await again.goto(url);
  await expect.poll(() => resultValue(again, 'offers-1-rank')).toBe(1);
  await expect(again.getByTestId('input-offers-1-name')).toHaveValue('rival');
});

test('remove and re-add offers; an 11th offer and bad inputs are refused with a message', async ({ page }) => {
  await open(page, 'lang=en&calc=delivered_value');
  await page.getByTestId('offer-1-remove').click();
  await expect(page.getByTestId('input-offers-1-name')).toHaveValue('Rival B');
  await page.getByTestId('add-offer').click();
  await expect(page.getByTestId('input-offers-2-name')).toHaveValue('Competitor 3');
  await page.getByTestId('offer-0-duplicate').click();
  await expect(page.getByTestId('input-offers-3-name')).toHaveValue('Our café (copy)');
  for (let n = 4; n < 10; n++) await page.getByTestId('add-offer').click();
  await expect(page.locator('[data-testid^=offer-][data-testid$=-remove]')).toHaveCount(10);
  await page.getByTestId('add-offer').click();
  await expect(page.getByTestId('notice')).toContainText('At most 10 offers');
  await expect(page.locator('article.offer')).toHaveCount(10);
  await page.getByTestId('notice-dismiss').click();
  await expect(page.getByTestId('notice')).toHaveCount(0);
  // Bad inputs: a message, a dash, no ranking.
  await typeInto(page, 'offers-1-time_cost', '-3');
  await expect(page.getByTestId('error-offers-1-time_cost')).toHaveText('must be at least 0');
  await expect(page.getByTestId('result-offers-1-delivered_value')).toHaveText('—');
  await expect(page.getByTestId('result-gap_to_best')).toHaveText('—');
  await typeInto(page, 'offers-1-time_cost', 'abc');
  await expect(page.getByTestId('error-offers-1-time_cost')).toHaveText('not a number');
  await typeInto(page, 'offers-1-name', '');
  await expect(page.getByTestId('error-offers-1-name')).toHaveText('enter a name');
  await typeInto(page, 'offers-1-name', 'B');
  await typeInto(page, 'offers-1-time_cost', '15');
  await expect.poll(() => resultValue(page, 'gap_to_best')).not.toBeNull();
});

test('Heskett equation per offer', async ({ page }) => {
  await open(page, 'lang=en&calc=delivered_value');
  await page.getByTestId('toggle-offers-0-heskett').check();
  await setOffer(page, 0, { 'heskett-results': 80, 'heskett-process_quality': 20, 'heskett-price': 40, 'heskett-acquisition_costs': 10 });
  await expect.poll(() => resultValue(page, 'offers-0-heskett_value')).toBe(2);
  await typeInto(page, 'offers-0-heskett-price', '0');
  await typeInto(page, 'offers-0-heskett-acquisition_costs', '0');
  await expect(page.getByTestId('result-offers-0-heskett_value')).toHaveText('—');
});

for (const lang of ['zh-CN', 'en']) {
  test(`delivered value screenshots (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, `lang=${lang}&calc=delivered_value`);
    await fullShot(page, `${SHOTS}dv-${lang}-desktop.png`);
    await page.setViewportSize({ width: 360, height: 780 });
    await noHorizontalScroll(page);
    await fullShot(page, `${SHOTS}dv-${lang}-phone.png`);
  });
}
