// The smoke suite in the two other browser engines, over W3C WebDriver:
// WebKitGTK (Debian's WebKitWebDriver, the engine family Safari uses, run
// under xvfb-run because its headless mode can hang) and Firefox ESR (through
// geckodriver). Playwright drives Chromium through the full suite; this
// harness needs no npm package: WebDriver is plain HTTP.
//
//   node tests/webdriver/smoke.mjs [dist] [webkit|firefox ...]
//
// Every step waits for the state it checks (polling, never sleeping). Prints
// one line per step and engine and closes with "N passed, N failed".
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

const dist = process.argv[2] || 'dist';
const only = process.argv.slice(3);
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/** A free loopback port. */
function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Polls `fn` until it returns a truthy value (or throws the last error after `ms`). */
async function until(fn, what, ms = 20_000) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = new Error(`timed out waiting for ${what}`);
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`${what}: ${last.message}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts a program and waits until its HTTP port answers. */
async function start(cmd, args, url, env = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env }, detached: true });
  let err = '';
  child.stderr.on('data', (d) => { err = (err + d).slice(-2000); });
  await until(async () => (await fetch(url).catch(() => null)) !== null, `${cmd} to answer (${err.trim()})`, 30_000);
  return child;
}

function stop(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** One WebDriver session. */
class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, capabilities) {
    const r = await fetch(`${base}/session`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ capabilities: { alwaysMatch: capabilities } }) });
    const j = await r.json();
    if (!j.value || !j.value.sessionId) throw new Error(`no session: ${JSON.stringify(j).slice(0, 300)}`);
    return new Session(base, j.value.sessionId);
  }

  async cmd(method, path, body) {
    const r = await fetch(`${this.base}/session/${this.id}${path}`, { method, headers: JSON_TYPE, body: body === undefined ? undefined : JSON.stringify(body) });
    const j = await r.json();
    if (j.value && j.value.error) throw new Error(`${j.value.error}: ${j.value.message}`);
    return j.value;
  }

  /**
   * Opens `url` and waits for its app to be interactive. A busy WebKit can
   * answer the navigation while the previous page still shows, whose
   * elements then go stale: the old document is marked first, and only a
   * new document's own `app-interactive` mark counts.
   */
  async go(url) {
    await this.exec('window.__smokeOld = true;').catch(() => {});
    await this.cmd('POST', '/url', { url });
    await until(() => this.exec("return !window.__smokeOld && performance.getEntriesByName('app-interactive').length > 0;"), `the app at ${url}`);
  }
  url() { return this.cmd('GET', '/url'); }
  exec(script, args = []) { return this.cmd('POST', '/execute/sync', { script, args }); }
  async find(testid) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: `[data-testid="${testid}"]` });
    return v[ELEMENT];
  }
  /** Waits for an element, then returns its id. */
  el(testid) { return until(() => this.find(testid), `[data-testid=${testid}]`); }
  async click(testid) { return this.cmd('POST', `/element/${await this.el(testid)}/click`, {}); }
  async type(testid, text) {
    const id = await this.el(testid);
    await this.cmd('POST', `/element/${id}/clear`, {});
    return this.cmd('POST', `/element/${id}/value`, { text });
  }
  async attr(testid, name) { return this.cmd('GET', `/element/${await this.el(testid)}/attribute/${name}`); }
  async value(testid) { return this.cmd('GET', `/element/${await this.el(testid)}/property/value`); }
  /** Waits until a result shows `want` in its data-value. */
  waitValue(testid, want) {
    return until(async () => (await this.attr(testid, 'data-value').catch(() => null)) === want, `${testid} = ${want}`);
  }
  quit() { return fetch(`${this.base}/session/${this.id}`, { method: 'DELETE' }).catch(() => {}); }
}

/** The smoke steps, as a student and a teacher use the app. */
function steps(site) {
  return [
    ['load', async (s) => {
      await s.go(`${site}?lang=en`);
      await s.el('lang-select');
    }],
    ['course exercise', async (s) => {
      await s.go(`${site}?lang=en&spend_per_purchase=1&conversion_rate=0.5`);
      await s.type('input-spend_per_purchase', '50');
      await s.type('input-conversion_rate', '20%');
      await s.waitValue('result-satisfaction_swing', '130000');
      await s.waitValue('result-lifetime_value', '26000');
    }],
    ['switch calculators', async (s) => {
      await s.click('calc-tab-delivered_value');
      await until(async () => /\d/.test((await s.attr('result-gap_to_best', 'data-value')) || ''), 'the gap to the best offer');
      await s.click('calc-tab-satisfaction_gap');
      await s.el('result-unweighted_score');
      await s.click('calc-tab-retention_curve');
      await until(async () => (await s.attr('result-alpha', 'data-value') || '').startsWith('0.668'), 'α of the high-end cohort');
      // The customer base fits its sample in the Web Worker.
      await s.click('calc-tab-customer_base');
      await until(async () => Number(await s.attr('result-params-r', 'data-value')) > 0, 'the BG/NBD fit from the worker', 60_000);
      await s.click('calc-tab-customer_value');
      await s.waitValue('result-satisfaction_swing', '130000');
    }],
    ['export', async (s) => {
      // The download is caught in the page: its text, not a file on disk.
      await s.exec(`window.__export = null;
        const make = URL.createObjectURL;
        URL.createObjectURL = (b) => { b.text().then((t) => { window.__export = t; }); return make.call(URL, b); };
        HTMLAnchorElement.prototype.click = function () { window.__exportName = this.download; };`);
      await s.click('export-json');
      const text = await until(() => s.exec('return window.__export;'), 'the exported document');
      const doc = JSON.parse(text);
      if (doc.calculator !== 'customer_value' || doc.results.satisfaction_swing !== 130000) throw new Error(`unexpected export ${text.slice(0, 200)}`);
      if (!/^customer-value-\d{4}-\d{2}-\d{2}\.json$/.test(await s.exec('return window.__exportName;'))) throw new Error('unexpected file name');
      s.exported = doc;
    }],
    ['import', async (s) => {
      const doc = { ...s.exported, inputs: { ...s.exported.inputs, spend_per_purchase: 65 } };
      const file = `/tmp/cvc-smoke-${process.pid}.json`;
      writeFileSync(file, JSON.stringify(doc));
      await s.go(`${site}?lang=en`);
      const input = await s.el('import-json');
      await s.cmd('POST', `/element/${input}/value`, { text: file });
      await s.waitValue('result-annual_value', '3380');
    }],
    ['share link', async (s) => {
      await s.type('input-weeks_per_year', '50');
      await s.waitValue('result-annual_value', '3250');
      await s.click('share-link');
      const url = await until(async () => (await s.value('share-url').catch(() => '')) || null, 'the share link');
      if (!url.includes('weeks_per_year=50')) throw new Error(`share link without the input: ${url}`);
      await s.go(url);
      await s.waitValue('result-annual_value', '3250');
      if ((await s.value('input-weeks_per_year')) !== '50') throw new Error('the share link lost weeks_per_year');
    }],
    ['a large survey read by the worker', async (s) => {
      // Over 256 KB: the Web Worker reads it, and its answer fills the ratings.
      const rows = ['e_speed,e_friendliness,e_accuracy,p_speed,p_friendliness,p_accuracy'];
      for (let i = 0; i < 28000; i++) rows.push(`${1 + (i % 7)},${1 + ((i * 3) % 7)},5,${1 + ((i * 5) % 7)},4,6`);
      const file = `/tmp/cvc-smoke-${process.pid}-survey.csv`;
      writeFileSync(file, rows.join('\n') + '\n');
      await s.go(`${site}?lang=en&calc=satisfaction_gap`);
      const input = await s.el('import-survey-csv');
      await s.cmd('POST', `/element/${input}/value`, { text: file });
      await s.waitValue('result-survey-respondents', '28000');
      if ((await s.value('input-items-2-perceived')) !== '6') throw new Error('the survey means did not replace the ratings');
    }],
    ['numbers as the first render prints them', async (s) => {
      // The first render formats numbers without Intl (src/domain/locale.rs,
      // pinned to Chromium's Intl by tests/locale_format.rs); this engine's
      // Intl, which takes over just after, must print the same.
      const grid = JSON.parse(readFileSync(new URL('../common/intl_chromium.json', import.meta.url), 'utf8'));
      const differ = await s.exec(`const g = arguments[0];
        const value = (v) => (v === '-0' ? -0 : typeof v === 'string' ? Number(v) : v);
        const out = [];
        for (const r of g.rows) {
          const f = new Intl.NumberFormat([r.lang], r.options);
          g.values.forEach((v, i) => { const got = f.format(value(v)); if (got !== r.out[i]) out.push(r.lang + ' ' + r.currency + ' ' + r.style + ' ' + v + ': ' + got + ' (first render: ' + r.out[i] + ')'); });
        }
        return out;`, [grid]);
      if (differ.length) throw new Error(`${differ.length} numbers differ: ${differ.slice(0, 5).join('; ')}`);
    }],
    ['data file', async (s) => {
      // A transaction log whose (Chinese) headers need the mapping step: the
      // worker reads it, prepares the summary and fit ahead, and the
      // confirmation, which names the file the worker holds, values it.
      let csv = '客户,日期,金额\n';
      for (let c = 0; c < 60; c++) for (let k = 0; k <= c % 4; k++) csv += `${c},1997-0${1 + k}-1${c % 9},${5 + c}\n`;
      const file = `/tmp/cvc-smoke-${process.pid}.csv`;
      writeFileSync(file, csv);
      await s.go(`${site}?lang=en&calc=customer_base`);
      await until(async () => Number(await s.attr('result-params-r', 'data-value')) > 0, 'the sample fitted', 60_000);
      const input = await s.el('import-data');
      await s.cmd('POST', `/element/${input}/value`, { text: file });
      await s.click('import-confirm');
      await until(async () => (await s.attr('result-customers', 'data-value').catch(() => null)) === '60', 'the 60 customers of the file', 60_000);
      await until(async () => Number(await s.attr('result-params-r', 'data-value')) > 0, 'the fit of the file', 60_000);
    }],
  ];
}

const ENGINES = {
  webkit: async () => {
    const port = await freePort();
    const driver = await start('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], `http://127.0.0.1:${port}/status`);
    return { driver, base: `http://127.0.0.1:${port}`, caps: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] } } };
  },
  firefox: async () => {
    const port = await freePort();
    const driver = await start('geckodriver', ['--port', String(port), '--host', '127.0.0.1'], `http://127.0.0.1:${port}/status`);
    return { driver, base: `http://127.0.0.1:${port}`, caps: { browserName: 'firefox', 'moz:firefoxOptions': { binary: '/usr/bin/firefox-esr', args: ['-headless'], prefs: { 'network.proxy.type': 0, 'app.update.enabled': false } } } };
  },
};

const sitePort = await freePort();
const server = await start('node', [new URL('../support/serve.mjs', import.meta.url).pathname, dist, String(sitePort)], `http://127.0.0.1:${sitePort}/`);
const site = `http://127.0.0.1:${sitePort}/`;
let passed = 0;
let failed = 0;
try {
  for (const name of Object.keys(ENGINES).filter((e) => only.length === 0 || only.includes(e))) {
    let engine;
    let s;
    try {
      engine = await ENGINES[name]();
      s = await Session.create(engine.base, engine.caps);
    } catch (e) {
      console.log(`  ✘ ${name}: cannot start (${e.message})`);
      failed += 1;
      if (engine) stop(engine.driver);
      continue;
    }
    for (const [step, run] of steps(site)) {
      const t0 = Date.now();
      try {
        await run(s);
        console.log(`  ✓ ${name} › ${step} (${Date.now() - t0} ms)`);
        passed += 1;
      } catch (e) {
        console.log(`  ✘ ${name} › ${step}: ${e.message}`);
        failed += 1;
      }
    }
    await s.quit();
    stop(engine.driver);
  }
} finally {
  stop(server);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
