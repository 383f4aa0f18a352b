// Trunk post-build hook: moves the inline bootstrap <script type="module">
// that Trunk writes into index.html out into its own hashed file, so the
// site runs under a strict Content-Security-Policy (script-src 'self', no
// 'unsafe-inline'). Run by Trunk with TRUNK_STAGING_DIR set (Trunk.toml).
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** The catalogs' `NoWasm` message in each language (src/domain/i18n/*.ftl). */
function noWasmTexts() {
  const out = {};
  for (const lang of ['en', 'zh-CN', 'zh-TW']) {
    const line = readFileSync(new URL(`./src/domain/i18n/${lang}.ftl`, import.meta.url), 'utf8').split('\n').find((l) => /^NoWasm\s*=/.test(l));
    if (!line) throw new Error(`NoWasm is missing from ${lang}.ftl`);
    out[lang] = line.replace(/^NoWasm\s*=\s*/, '').trim();
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
const noWasm = () => {
  const texts = ${JSON.stringify(noWasmTexts())};
  const tags = [new URLSearchParams(location.search).get('lang') || '', ...(navigator.languages || [navigator.language || ''])];
  const pick = (t) => {
    const p = t.trim().replace('_', '-').toLowerCase().split('-');
    if (p[0] === 'en') return 'en';
    if (p[0] === 'zh') return p.slice(1).some((x) => ['tw', 'hk', 'mo', 'hant'].includes(x)) ? 'zh-TW' : 'zh-CN';
    return null;
  };
  const lang = tags.map(pick).find(Boolean) || 'en';
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
  try {
${rest}
  } catch (e) {
    noWasm();
    throw e;
  }
}`;
}

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');
const page = join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (!m) throw new Error('no inline bootstrap script found in index.html');
const code = guard(m[1].trim()) + '\n';
const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
const name = `bootstrap-${hash}.js`;
writeFileSync(join(dir, name), code);
const integrity = 'sha384-' + createHash('sha384').update(code).digest('base64');
let out = html.replace(inline, `<script type="module" src="./${name}" integrity="${integrity}"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(out) || /\sstyle=/.test(out)) throw new Error('inline script or style left in index.html');
writeFileSync(page, out);
