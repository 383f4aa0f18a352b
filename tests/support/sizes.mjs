// Prints each dist/ asset's size raw and gzipped, and the total.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

export function sizes(dir) {
  const rows = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const buf = readFileSync(p);
        rows.push({ file: p.slice(dir.length + 1), raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
      }
    }
  };
  walk(dir);
  return rows;
}

export function table(rows) {
  const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
  const w = Math.max(5, ...rows.map((r) => r.file.length));
  const line = (a, b, c) => `| ${a.padEnd(w)} | ${String(b).padStart(10)} | ${String(c).padStart(10)} |`;
  return [line('asset', 'raw bytes', 'gzip bytes'), `|${'-'.repeat(w + 2)}|${'-'.repeat(12)}|${'-'.repeat(12)}|`,
    ...rows.map((r) => line(r.file, r.raw, r.gzip)), line('total', total.raw, total.gzip)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] || 'dist';
  console.log(table(sizes(dir)));
}
