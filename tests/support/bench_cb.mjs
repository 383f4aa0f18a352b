// The customer base half of `make bench` (imported by bench.mjs): the CDNOW
// master pipeline (69,659 transactions → 23,570 customers → BG/NBD and
// Gamma-Gamma fits → CLV for everyone) in the browser, the same in CPython
// with `lifetimes` in the same run, and 1,000,000 generated transactions.
// Prints, never asserts.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

// A function, not a string: the page's Content-Security-Policy forbids eval.
const isReady = (customers) => {
  const c = document.querySelector('[data-testid=result-customers]');
  return c && c.getAttribute('data-value') === String(customers) && !document.querySelector('[data-testid=task-progress]')
    && document.querySelector('[data-testid=result-params-r]') ? performance.now() : null;
};

/** Reads a file into the customer base, confirms the mapping, waits for the values. */
async function pipeline(page, path, customers, mapping) {
  await page.getByTestId('sample-data').click();
  await page.waitForFunction(isReady, 1000);
  const start = page.evaluate(() => new Promise((ok) => {
    document.querySelector('[data-testid=import-data]').addEventListener('change', () => ok(performance.now()), { once: true });
  }));
  await page.getByTestId('import-data').setInputFiles(path);
  const t1 = await start;
  let read = 0;
  let t2 = t1;
  if (mapping) {
    // Timed in the page (at the frame the step appears), not by a poll from here.
    const shown = await page.waitForFunction(() => (document.querySelector('[data-testid=import-mapping]') ? performance.now() : null), null, { polling: 'raf' });
    read = (await shown.jsonValue()) - t1;
    await page.getByTestId('map-header').setChecked(true);
    for (const [role, col] of Object.entries(mapping)) await page.getByTestId(`map-${role}`).selectOption(String(col));
    t2 = await page.evaluate(() => {
      const t = performance.now();
      document.querySelector('[data-testid=import-confirm]').click();
      return t;
    });
  }
  const done = await (await page.waitForFunction(isReady, customers, { timeout: 120_000, polling: 'raf' })).jsonValue();
  return { read, rest: done - t2, total: read + (done - t2) };
}

/** The CDNOW master file and a 1,000,000-transaction log in the browser. */
export async function customerBaseInBrowser(browser, url, cdnowDir, runs = 3) {
  const page = await browser.newPage({ serviceWorkers: 'block' });
  await page.goto(url);
  await page.waitForFunction(isReady, 1000, { timeout: 60_000 });
  const out = { cdnow: [], header: [], million: [] };
  const master = `${cdnowDir}/CDNOW_master.txt`;
  if (existsSync(master)) {
    // Each run reads a copy with k more blank lines at the end (the same
    // data, other bytes), so that the worker's cache of the last file read
    // never hides the cost of reading it.
    const text = readFileSync(master);
    for (let k = 0; k < runs; k++) {
      const copy = `/tmp/cvc-bench-cdnow-${k}.txt`;
      writeFileSync(copy, Buffer.concat([text, Buffer.from('\n'.repeat(k + 1))]));
      out.cdnow.push(await pipeline(page, copy, 23570, { customer_id: 0, date: 1, quantity: 2, amount: 3 }));
    }
    // The same file with a header naming its columns: it imports at once,
    // with no mapping step: the worker reads, summarises and fits it in one task.
    for (let k = 0; k < runs; k++) {
      const copy = `/tmp/cvc-bench-cdnow-header-${k}.txt`;
      writeFileSync(copy, Buffer.concat([Buffer.from('customer_id date quantity amount\n'), text, Buffer.from('\n'.repeat(k + 1))]));
      out.header.push(await pipeline(page, copy, 23570, null));
    }
  }
  // 1,000,000 transactions of 100,000 customers over two years, seeded.
  const big = '/tmp/cvc-bench-1m.csv';
  if (!existsSync(big)) {
    const lines = ['customer_id,date,amount'];
    let x = 987654321n;
    const next = () => { x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn; return Number(x >> 33n); };
    const day = (n) => new Date(Date.UTC(2020, 0, 1) + n * 86400000).toISOString().slice(0, 10);
    for (let i = 0; i < 1_000_000; i++) {
      const c = i % 100_000;
      const d = Math.min(729, Math.floor((c % 365) + (next() % 365)));
      lines.push(`${c + 1},${day(d)},${(5 + (next() % 9500) / 100).toFixed(2)}`);
    }
    writeFileSync(big, lines.join('\n') + '\n');
  }
  out.million.push(await pipeline(page, big, 100000, null));
  await page.close();
  return out;
}

/** `lifetimes` in CPython on the same file (in-process time, and as a script). */
export function lifetimes(root, cdnowDir) {
  try {
    const text = execFileSync('python3', [`${root}/tests/support/bench_lifetimes.py`, cdnowDir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return JSON.parse(text.trim().split('\n').pop());
  } catch (e) {
    console.error(`lifetimes could not run: ${e.message}`);
    return null;
  }
}
