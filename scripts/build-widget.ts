/**
 * Builds widget.js the way the server does and reports its size. `npm run build:widget`
 * (with `--out FILE` to also write it out); exits 1 when it is over the 20 KB gzip budget.
 */
import { writeFile } from 'node:fs/promises';
import { getBundle } from '../src/widget/server/bundle.ts';
import { WIDGET_ENTRY } from '../src/widget/server/routes.ts';

const BUDGET = 20 * 1024;
const bundle = await getBundle(WIDGET_ENTRY);
const outIndex = process.argv.indexOf('--out');
const out = outIndex >= 0 ? process.argv[outIndex + 1] : undefined;
if (out !== undefined) await writeFile(out, bundle.body);
console.log(`widget.js: ${bundle.body.length} bytes minified, ${bundle.gzip.length} bytes gzipped (budget ${BUDGET})`);
if (bundle.gzip.length > BUDGET) process.exitCode = 1;
