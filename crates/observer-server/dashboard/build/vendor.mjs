// Copies the dashboard's libraries from node_modules (installed by `npm ci` from the lock file)
// into vendor/, which is committed and embedded in the binary. With --check it changes nothing
// and fails when vendor/ differs from what the lock file gives: the vendored files are then
// exactly reproducible from package-lock.json.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = [
  ['node_modules/d3/dist/d3.min.js', 'vendor/d3.min.js'],
  ['node_modules/d3/LICENSE', 'vendor/d3.LICENSE'],
  ['node_modules/topojson-client/dist/topojson-client.min.js', 'vendor/topojson-client.min.js'],
  ['node_modules/topojson-client/LICENSE', 'vendor/topojson-client.LICENSE'],
  ['node_modules/world-atlas/countries-110m.json', 'vendor/countries-110m.json'],
  ['node_modules/world-atlas/LICENSE', 'vendor/world-atlas.LICENSE'],
];

const check = process.argv.includes('--check');
let stale = [];
for (const [from, to] of files) {
  const source = readFileSync(join(root, from));
  const target = join(root, to);
  if (check) {
    if (!existsSync(target) || !readFileSync(target).equals(source)) stale.push(to);
  } else {
    writeFileSync(target, source);
  }
}
if (stale.length) {
  console.error(`vendor/ differs from package-lock.json: ${stale.join(', ')}; run npm run vendor`);
  process.exit(1);
}
console.log(check ? 'vendor/ matches package-lock.json' : `vendored ${files.length} files`);
