// The printable report (issue "Every student, every browser"): the print
// button opens every closed panel for the print, and the print stylesheet
// leaves out the controls. Each calculator is printed to PDF in headless
// Chromium (tests/e2e/output/screenshots/print-*.pdf) for a look by eye.
import { test, expect, open, SHOTS } from './helpers.mjs';

const CASES = [
  ['customer_value', 'zh-CN', 'result-satisfaction_swing'],
  ['customer_value', 'en', 'result-satisfaction_swing'],
  ['delivered_value', 'en', 'result-gap_to_best'],
  ['satisfaction_gap', 'zh-CN', 'result-unweighted_score'],
  ['retention_curve', 'en', 'result-alpha'],
  ['customer_base', 'en', 'result-params-r'],
];

for (const [calc, lang, key] of CASES) {
  test(`print / save as PDF: ${calc} (${lang})`, async ({ page }) => {
    await open(page, `lang=${lang}&calc=${calc}`);
    await expect(page.getByTestId(key)).toHaveAttribute('data-value', /\d/);
    // The button prints with every <details> open, and closes them again.
    await page.evaluate(() => { window.print = () => { window.__closedAtPrint = document.querySelectorAll('details:not([open])').length; }; });
    const closed = await page.locator('details:not([open])').count();
    await page.getByTestId('print-report').click();
    await expect.poll(() => page.evaluate(() => window.__closedAtPrint)).toBe(0);
    await expect(page.locator('details:not([open])')).toHaveCount(closed);
    // On paper: results and the math, no buttons, tabs or what-if controls.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId(key)).toBeVisible();
    for (const hidden of ['print-report', 'export-json', 'lang-select']) await expect(page.getByTestId(hidden)).toBeHidden();
    await expect(page.locator('.whatif')).toBeHidden();
    // The calculator's own tab is the report's title; no other button is printed.
    await expect(page.getByTestId(`calc-tab-${calc}`)).toBeVisible();
    await expect(page.locator('button:visible')).toHaveCount(1);
    await page.pdf({ path: `${SHOTS}print-${calc}-${lang}.pdf`, format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
  });
}
