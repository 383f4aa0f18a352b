// Every student, every browser (issue 13): every view passes axe-core with no
// serious or critical violation in light and dark mode; at 360×640 and
// 768×1024, in every language, normal and embedded, nothing scrolls sideways
// (tables and charts scroll inside their own box) and every control is a
// 44 px touch target; the course exercise, a calculator switch, a what-if
// tool and the JSON export work from the keyboard alone, with focus visible.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './helpers.mjs';

const CALCS = {
  customer_value: 'result-satisfaction_swing',
  delivered_value: 'result-gap_to_best',
  satisfaction_gap: 'result-unweighted_score',
  customer_base: 'result-params-r',
  retention_curve: 'result-alpha',
};

/** Opens a calculator and waits until its key result is computed. */
async function show(page, query, calc) {
  // (Embedded pages have no header, so this waits for the result, not the language menu.)
  await page.goto(`./?${query}`);
  await expect(page.getByTestId(CALCS[calc])).toHaveAttribute('data-value', /\d/, { timeout: 30_000 });
}

for (const scheme of ['light', 'dark']) {
  test(`axe: every calculator, ${scheme} mode, desktop, phone and embedded`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme: scheme });
    const found = [];
    // Each language once: English on a desktop, Chinese on a phone, embedded.
    for (const [width, height, extra, lang] of [[1280, 900, '', 'en'], [360, 640, '', 'zh-CN'], [360, 640, '&embed=1', 'zh-TW']]) {
      await page.setViewportSize({ width, height });
      for (const calc of Object.keys(CALCS)) {
        await show(page, `lang=${lang}&calc=${calc}${extra}`, calc);
        const { violations } = await new AxeBuilder({ page }).analyze();
        for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
          found.push(`${calc} ${width}${extra}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
}

/** What sticks out of the viewport (outside scroll boxes) and which controls are under 44 px. */
function layoutProblems() {
  const cw = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > cw) out.push(`page is ${document.documentElement.scrollWidth} px wide`);
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.table-scroll') && !el.classList.contains('table-scroll')) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > cw + 1) out.push(`${el.tagName.toLowerCase()}[data-testid=${el.dataset.testid || ''}] ends at ${Math.round(r.right)} px`);
  }
  for (const el of document.querySelectorAll('button, select, input, summary, [role=tab], a[href]')) {
    const target = el.type === 'checkbox' || el.type === 'file' ? el.closest('label') || el : el;
    const r = target.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.height < 43.5 || r.width < 43.5) out.push(`${el.tagName.toLowerCase()}[data-testid=${el.dataset.testid || ''}] is ${Math.round(r.width)}×${Math.round(r.height)} px`);
  }
  for (const el of document.querySelectorAll('.field .number input')) {
    if (el.getAttribute('inputmode') !== 'decimal') out.push(`${el.dataset.testid} has no inputmode="decimal"`);
  }
  return out.slice(0, 10);
}

for (const [width, height] of [[360, 640], [768, 1024]]) {
  test(`phone and tablet layout at ${width}×${height}: every calculator, language and embedding`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height });
    const found = [];
    for (const extra of ['', '&embed=1']) {
      for (const lang of ['zh-CN', 'zh-TW', 'en']) {
        for (const calc of Object.keys(CALCS)) {
          await show(page, `lang=${lang}&calc=${calc}${extra}`, calc);
          // Lazily rendered panels are drawn once scrolled to.
          await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
          for (const p of await page.evaluate(layoutProblems)) found.push(`${calc} ${lang}${extra}: ${p}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
}

/** Presses `key` until the element with `testid` has the focus; focus must be visible at every step. */
async function focusBy(page, testid, key = 'Tab', max = 250) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const state = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return { id: null, visible: true };
      const shown = el.type === 'file' ? el.closest('label') || el : el;
      const st = getComputedStyle(shown);
      const visible = st.outlineStyle !== 'none' && st.outlineWidth !== '0px';
      return { id: el.dataset.testid || null, visible, what: `${el.tagName}.${el.className}` };
    });
    expect(state.visible, `focus is visible on ${state.what}`).toBe(true);
    if (state.id === testid) return;
  }
  throw new Error(`${testid} was not reached with ${key}`);
}

test('keyboard only: the course exercise, a calculator switch, a what-if tool and the export', async ({ page }) => {
  test.setTimeout(120_000);
  await show(page, 'lang=en&spend_per_purchase=1', 'customer_value');
  await focusBy(page, 'input-spend_per_purchase');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('50');
  await expect(page.getByTestId('result-satisfaction_swing')).toHaveAttribute('data-value', '130000');
  // Back to the tabs, then the arrows move between calculators.
  await focusBy(page, 'calc-tab-customer_value', 'Shift+Tab');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('calc-tab-delivered_value')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('calc-tab-delivered_value')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('calc-tab-customer_value')).toHaveAttribute('aria-selected', 'true');
  // A what-if tool: the tornado sensitivity, run with the space bar.
  await focusBy(page, 'run-sensitivity');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('tornado-spend_per_purchase')).toHaveAttribute('data-value', /\d/);
  // The export, with Enter.
  await focusBy(page, 'export-json', 'Shift+Tab');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^customer-value-\d{4}-\d{2}-\d{2}\.json$/);
});

test('every chart has a title, a description and its data in a table', async ({ page }) => {
  for (const calc of Object.keys(CALCS)) {
    await show(page, `lang=en&calc=${calc}`, calc);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const charts = await page.locator('svg[role=img]').evaluateAll((svgs) => svgs.map((s) => ({
      chart: s.closest('figure')?.className || s.parentElement.className,
      title: !!s.querySelector(':scope > title'),
      desc: !!s.querySelector(':scope > desc'),
    })));
    expect(charts.length, calc).toBeGreaterThan(0);
    for (const c of charts) expect(c, calc).toEqual({ chart: c.chart, title: true, desc: true });
  }
  // The customer value chart's points, one row a year, shown on request.
  await show(page, 'lang=en&calc=customer_value', 'customer_value');
  const data = page.locator('figure.line-chart details.chart-data');
  await expect(data.locator('tbody tr').first()).toBeHidden();
  await data.locator('summary').click();
  await expect(data.locator('tbody tr').first()).toBeVisible();
  expect(await data.locator('tbody tr').count()).toBeGreaterThan(5);
});
