// The customer value calculator as a student, a teacher and a manager use it.
import { test, expect, open, resultValue, fixed, typeInto, noHorizontalScroll, SHOTS, fullShot } from './helpers.mjs';

test('a student types the course exercise into a fresh page', async ({ page }) => {
  // Start from other numbers so every value is typed by hand.
  await open(page, 'lang=en&spend_per_purchase=1&satisfied_tell_count=0&dissatisfied_tell_count=0&conversion_rate=0.5&lifetime_years=1');
  await typeInto(page, 'spend_per_purchase', '50');
  await typeInto(page, 'purchases_per_period', '1');
  await page.getByTestId('input-period').selectOption('week');
  await typeInto(page, 'weeks_per_year', '52');
  await typeInto(page, 'lifetime_years', '10');
  await typeInto(page, 'satisfied_tell_count', '5');
  await typeInto(page, 'dissatisfied_tell_count', '10');
  await typeInto(page, 'conversion_rate', '20%');
  await expect(page.getByTestId('result-satisfaction_swing')).toHaveAttribute('data-value', '130000');
  await expect.poll(() => resultValue(page, 'lifetime_value')).toBe(26000);
  await expect.poll(() => resultValue(page, 'satisfied_customer_value')).toBe(52000);
  await expect.poll(() => resultValue(page, 'dissatisfied_customer_loss')).toBe(78000);
  await expect(page.getByTestId('result-satisfaction_swing')).toHaveText('$130,000');
  await expect(page.getByTestId('step-annual_value')).toContainText('52 × $50 × 100% = $2,600');
  await expect(page).toHaveURL(/conversion_rate=0.2(&|$)/);
});

test('a share link with parameters reproduces the results', async ({ page }) => {
  await open(page, 'lang=zh-CN&weeks_per_year=50&dissatisfied_customer_defects=false');
  await expect.poll(() => resultValue(page, 'lifetime_value')).toBe(25000);
  await expect.poll(() => resultValue(page, 'satisfied_customer_value')).toBe(50000);
  await expect.poll(() => resultValue(page, 'dissatisfied_customer_loss')).toBe(50000);
  await expect(page.getByTestId('input-weeks_per_year')).toHaveValue('50');
  await expect(page.getByTestId('input-dissatisfied_customer_defects')).not.toBeChecked();
  await expect(page.getByTestId('result-lifetime_value')).toHaveText('¥25,000');
  await expect(page.getByTestId('step-annual_value')).toContainText('50 × ¥50 × 100% = ¥2,500');
  // Retention model from the URL (reference case 4).
  await page.goto('./?lang=en&spend_per_purchase=100&period=year&retention_rate=0.8&discount_rate=0.1&cash_flow_timing=end');
  await expect(page.getByTestId('toggle-retention')).toBeChecked();
  await expect.poll(() => fixed(resultValue(page, 'retention_clv_perpetuity'), 2)).toBe('266.67');
  await expect.poll(() => resultValue(page, 'expected_lifetime_years')).toBeCloseTo(5, 10);
});

test('bad inputs show errors and never a stale number', async ({ page }) => {
  await open(page, 'lang=en');
  for (const [text, message] of [['-5', 'must be at least 0'], ['abc', 'not a number'], ['1e400', 'number too large'], ['', 'enter a number']]) {
    await typeInto(page, 'spend_per_purchase', text);
    await expect(page.getByTestId('error-spend_per_purchase')).toHaveText(message);
    await expect(page.getByTestId('input-spend_per_purchase')).toHaveAttribute('aria-invalid', 'true');
    for (const key of ['annual_value', 'lifetime_value', 'satisfaction_swing']) {
      await expect(page.getByTestId(`result-${key}`)).toHaveText('—');
      await expect.poll(() => resultValue(page, key)).toBeNull();
    }
    // Results that do not depend on it stay.
    await expect.poll(() => resultValue(page, 'referral_customers_gained')).toBe(1);
  }
  await typeInto(page, 'spend_per_purchase', '50');
  await expect(page.getByTestId('error-spend_per_purchase')).toBeHidden();
  await expect.poll(() => resultValue(page, 'satisfaction_swing')).toBe(130000);
  // A bad URL parameter shows its value and error, and the page still works.
  await page.goto('./?lang=en&conversion_rate=abc&period=fortnight');
  await expect(page.getByTestId('input-conversion_rate')).toHaveValue('abc');
  await expect(page.getByTestId('error-conversion_rate')).toHaveText('not a number');
  await expect(page.getByTestId('error-period')).toHaveText('is not one of the offered choices');
  await page.getByTestId('input-period').selectOption('week');
  await typeInto(page, 'conversion_rate', '２０');
  await expect.poll(() => resultValue(page, 'satisfaction_swing')).toBe(130000);
});

test('presets fill the inputs and the URL; the retention model opens and closes', async ({ page }) => {
  await open(page, 'lang=en&spend_per_purchase=9');
  await page.getByTestId('preset-retention').click();
  await expect(page.getByTestId('input-retention_rate')).toHaveValue('80');
  await expect(page).toHaveURL(/retention_rate=0.8/);
  await expect.poll(() => fixed(resultValue(page, 'retention_clv'), 2)).toBe('255.63');
  await expect.poll(() => fixed(resultValue(page, 'net_clv'), 2)).toBe('105.63');
  await expect(page.getByTestId('step-retention_clv_perpetuity')).toContainText('= $266.67');
  await page.getByTestId('input-cash_flow_timing').selectOption('start');
  await expect.poll(() => fixed(resultValue(page, 'retention_clv'), 2)).toBe('351.49');
  await page.getByTestId('toggle-retention').uncheck();
  await expect(page.getByTestId('result-retention_clv')).toHaveCount(0);
  await expect(page).not.toHaveURL(/retention_rate/);
  await page.getByTestId('preset-course').click();
  await expect.poll(() => resultValue(page, 'satisfaction_swing')).toBe(130000);
  await expect(page).toHaveURL(/spend_per_purchase=50/);
});

test('currency is selectable and only a label', async ({ page }) => {
  await open(page, 'lang=en');
  await page.getByTestId('currency-select').selectOption('EUR');
  await expect(page.getByTestId('result-lifetime_value')).toHaveText('€26,000');
  await expect(page).toHaveURL(/currency=EUR/);
  await expect.poll(() => resultValue(page, 'lifetime_value')).toBe(26000);
});

for (const lang of ['zh-CN', 'en']) {
  test(`customer value screenshots (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, `lang=${lang}&retention_rate=0.8`);
    await fullShot(page, `${SHOTS}cv-${lang}-desktop.png`);
    await page.setViewportSize({ width: 360, height: 780 });
    await noHorizontalScroll(page);
    await fullShot(page, `${SHOTS}cv-${lang}-phone.png`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SHOTS}cv-${lang}-phone-dark.png` });
  });
}
