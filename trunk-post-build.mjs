// Trunk post-build hook: moves the inline bootstrap <script type="module">
// that Trunk writes into index.html out into its own hashed file, so the
// site runs under a strict Content-Security-Policy (script-src 'self', no
// 'unsafe-inline'). Run by Trunk with TRUNK_STAGING_DIR set (Trunk.toml).
import { readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minify } from 'terser';

/** The catalogs' message `key` in each language (src/domain/i18n/*.ftl). */
function bootTexts(key) {
  const out = {};
  for (const lang of ['en', 'zh-CN', 'zh-TW']) {
    const line = readFileSync(new URL(`./src/domain/i18n/${lang}.ftl`, import.meta.url), 'utf8').split('\n').find((l) => new RegExp(`^${key}\\s*=`).test(l));
    if (!line) throw new Error(`${key} is missing from ${lang}.ftl`);
    out[lang] = line.replace(new RegExp(`^${key}\\s*=\\s*`), '').trim();
  }
  return out;
}

/**
 * Wraps Trunk's bootstrap so that a browser without WebAssembly, or one
 * whose engine refuses this build's wasm, shows a message in its language
 * (the `lang` parameter, else the browser's languages, as the app chooses)
 * instead of "Loading…" for ever.
 */
function guard(code) {
  const lines = code.split('\n');
  const imports = lines.filter((l) => /^import\s/.test(l)).join('\n');
  const rest = lines.filter((l) => !/^import\s/.test(l)).join('\n');
  return `${imports}
// The language the app starts in: the \`lang\` parameter, else the browser's languages.
const startLang = () => {
  const tags = [new URLSearchParams(location.search).get('lang') || '', ...(navigator.languages || [navigator.language || ''])];
  const pick = (t) => {
    const p = t.trim().replace('_', '-').toLowerCase().split('-');
    if (p[0] === 'en') return 'en';
    if (p[0] === 'zh') return p.slice(1).some((x) => ['tw', 'hk', 'mo', 'hant'].includes(x)) ? 'zh-TW' : 'zh-CN';
    return null;
  };
  return tags.map(pick).find(Boolean) || 'en';
};
const noWasm = () => {
  const texts = ${JSON.stringify(bootTexts('NoWasm'))};
  const lang = startLang();
  document.documentElement.lang = lang;
  const p = document.createElement('p');
  p.className = 'loading';
  p.setAttribute('role', 'alert');
  p.dataset.testid = 'no-wasm';
  p.textContent = texts[lang];
  document.getElementById('app').replaceChildren(p);
};
if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
  noWasm();
} else {
  // The page's texts: only its language's catalog, fetched beside the wasm
  // (the app awaits this promise before it first renders).
  const tag = startLang();
  window.__cvcCatalog = { tag, text: fetch(\`./\${tag}.txt\`).then((r) => (r.ok ? r.text() : null)).catch(() => null) };
  // The page says "Loading…" in English only: text in Chinese would make the
  // browser load a CJK font before the app starts (about 30 ms measured).
  // Another language's text follows in a task of its own, once the wasm is
  // on its way.
  if (tag !== 'en') {
    setTimeout(() => {
      const p = document.querySelector('#app > p.loading[role=status]');
      if (p) p.textContent = ${JSON.stringify(bootTexts('Loading'))}[tag];
      document.documentElement.lang = tag;
    }, 0);
  }
  try {
${rest}
  } catch (e) {
    noWasm();
    throw e;
  }
  // Offline use: the service worker of this build (sw.js, written below),
  // registered once the page has loaded, never before the app is interactive.
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    const register = () => navigator.serviceWorker.register('./sw.js').catch(() => {});
    if (document.readyState === 'complete') register();
    else addEventListener('load', register);
  }
}`;
}

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');

// The page's catalogs: one file per language, one text a line in the order of
// en.ftl, which is the order of `Msg` (build.rs). The first line carries the
// FNV-1a hash of the keys in that order, as build.rs computes it, so the app
// refuses a file of another build. See src/domain/i18n/runtime.rs.
function readCatalog(lang) {
  const entries = new Map();
  for (const raw of readFileSync(new URL(`./src/domain/i18n/${lang}.ftl`, import.meta.url), 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const lhs = line.slice(0, eq).trim();
    let text = line.slice(eq + 1).trim();
    if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
    const [key, category = 'other'] = lhs.split('.');
    if (!entries.has(key)) entries.set(key, {});
    entries.get(key)[category] = text;
  }
  return entries;
}
const reference = readCatalog('en');
const keys = [...reference.keys()];
let fnv = 0x811c9dc5;
for (const b of Buffer.from(keys.join('\n'), 'utf8')) fnv = Math.imul(fnv ^ b, 0x01000193) >>> 0;
for (const lang of ['en', 'zh-CN', 'zh-TW']) {
  const entries = readCatalog(lang);
  const lines = [`customer-value-calculator catalog ${fnv.toString(16).padStart(8, '0')}`];
  for (const k of keys) {
    const t = entries.get(k)?.other;
    if (t === undefined || t.includes('\t')) throw new Error(`${lang}.ftl: ${k} is missing or holds a tab`);
    lines.push(t);
  }
  lines.push('one');
  keys.forEach((k, i) => { const one = entries.get(k)?.one; if (one !== undefined) lines.push(`${i}\t${one}`); });
  writeFileSync(join(dir, `${lang}.txt`), lines.join('\n') + '\n');
}
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');

// wasm-bindgen's JS glue, minified: Trunk's own minifier gives up on it
// ("Failed to minify JS") and ships it as written, 53 KB the browser parses
// before the app starts. The file is renamed after its new content (a
// cached copy is never mistaken for it) and the page's preload link and
// bootstrap name it with its new integrity.
const glue = html.match(/\.\/(customer-value-calculator-[0-9a-f]+\.js)/)?.[1];
if (!glue) throw new Error('the JS glue is not named in index.html');
const small = (await minify(readFileSync(join(dir, glue), 'utf8'), { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code;
if (!small || !/export\s*\{[^}]*\bas default\b/.test(small)) throw new Error('the minified JS glue lost its exports');
const glueName = `customer-value-calculator-${createHash('sha256').update(small).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, glueName), small);
if (glueName !== glue) unlinkSync(join(dir, glue));
html = html.split(glue).join(glueName);
const glueLink = html.match(new RegExp(`<link[^>]*\\./${glueName.replace(/\./g, '\\.')}[^>]*>`))?.[0];
if (!glueLink || !/integrity="?sha384-[A-Za-z0-9+/=]+"?/.test(glueLink)) throw new Error('the JS glue has no integrity to update in index.html');
const glueIntegrity = 'sha384-' + createHash('sha384').update(small).digest('base64');
html = html.replace(glueLink, glueLink.replace(/integrity="?sha384-[A-Za-z0-9+/=]+"?/, `integrity="${glueIntegrity}"`));
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (!m) throw new Error('no inline bootstrap script found in index.html');
// Comment lines are for this file's readers, not for the first load; nor
// are Trunk's `window.wasmBindings` and `TrunkApplicationStarted` event,
// which nothing here uses.
const unused = (l) => /^\s*\/\//.test(l) || l.trim() === '' || /window\.wasmBindings|TrunkApplicationStarted/.test(l);
const code = guard(m[1].trim()).split('\n').filter((l) => !unused(l)).map((l) => l.trim()).join('\n')
  .replace('import init, * as bindings from', 'import init from').replace('const wasm = await init(', 'await init(') + '\n';
// The trimming above expects Trunk's script line by line: fail the build
// rather than ship a page that never starts.
if (!/^import init from '\.\/[^']+\.js';$/m.test(code) || !/^await init\(\{ module_or_path: /m.test(code) || /\$\{[^}]*$/m.test(code)) {
  throw new Error('the bootstrap script does not have the shape this hook expects');
}
const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
const name = `bootstrap-${hash}.js`;
writeFileSync(join(dir, name), code);
const integrity = 'sha384-' + createHash('sha384').update(code).digest('base64');
const out = html.replace(inline, `<script type="module" src="./${name}" integrity="${integrity}"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(out) || /\sstyle=/.test(out)) throw new Error('inline script or style left in index.html');
writeFileSync(page, out);

/** Every file of the build, relative to the site's root (sorted). */
function files(root, sub = '') {
  return readdirSync(join(root, sub)).sort().flatMap((name) => {
    const rel = sub ? `${sub}/${name}` : name;
    return statSync(join(root, rel)).isDirectory() ? files(root, rel) : [rel];
  });
}

// The service worker: after one visit the site loads and works offline. The
// cache is named after a hash of every file of this build, and a new build's
// worker waits until no page of the old one is open (no skipWaiting), then
// deletes the old cache: a page is always served by one build, never a mix.
const all = files(dir).filter((f) => f !== 'sw.js');
const version = createHash('sha256');
for (const f of all) version.update(f).update(readFileSync(join(dir, f)));
const sw = `// Generated by trunk-post-build.mjs for one build; see "Offline" in README.md.
const CACHE = 'cvc-${version.digest('hex').slice(0, 16)}';
const FILES = ${JSON.stringify(['./', ...all.map((f) => `./${f}`)])};
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))));
});
self.addEventListener('activate', (e) => {
  e.waitUntil((async () => {
    for (const k of await caches.keys()) if (k.startsWith('cvc-') && k !== CACHE) await caches.delete(k);
    await self.clients.claim();
  })());
});
self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  e.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // The calculator, language and inputs live in the query string: one page serves them all.
    const hit = await cache.match(req, { ignoreSearch: true });
    return hit || fetch(req);
  })());
});
`;
writeFileSync(join(dir, 'sw.js'), sw);
