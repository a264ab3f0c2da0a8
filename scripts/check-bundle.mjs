// Proves a build carries no test hook: production bundles must not contain window.__shoebox or its fault injection.
// Usage: node scripts/check-bundle.mjs dist   (exit 1 and the offending files when a hook is found)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKERS = ['__shoebox', 'crashOn', 'CrashingEngine'];
const dir = process.argv[2] ?? 'dist';

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(js|mjs|html)$/.test(entry.name)) yield path;
  }
}

const found = [];
let scanned = 0;
for (const path of files(dir)) {
  scanned++;
  const text = readFileSync(path, 'utf8');
  for (const marker of MARKERS) if (text.includes(marker)) found.push(`${path}: ${marker}`);
}
if (scanned === 0) {
  console.error(`check-bundle: no built files under ${dir}/ (build first)`);
  process.exit(1);
}
if (found.length > 0) {
  console.error(`check-bundle: test hooks in the ${dir}/ bundle:\n  ${found.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-bundle: ${scanned} files in ${dir}/, no test hook`);
