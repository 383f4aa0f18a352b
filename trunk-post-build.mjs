// Trunk post-build hook: moves the inline bootstrap <script type="module">
// that Trunk writes into index.html out into its own hashed file, so the
// site runs under a strict Content-Security-Policy (script-src 'self', no
// 'unsafe-inline'). Run by Trunk with TRUNK_STAGING_DIR set (Trunk.toml).
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');
const page = join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (!m) throw new Error('no inline bootstrap script found in index.html');
const code = m[1].trim() + '\n';
const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
const name = `bootstrap-${hash}.js`;
writeFileSync(join(dir, name), code);
const integrity = 'sha384-' + createHash('sha384').update(code).digest('base64');
let out = html.replace(inline, `<script type="module" src="./${name}" integrity="${integrity}"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(out) || /\sstyle=/.test(out)) throw new Error('inline script or style left in index.html');
writeFileSync(page, out);
