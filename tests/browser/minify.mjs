// The built-in scripts as the build publishes them: static/*.js minified
// with terser into minified/, which the binary compiles in. Run it after
// changing a script; `--check` (in CI) fails when minified/ is stale.
//
//   node tests/browser/minify.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scripts = ['explainer.js', 'embed.js', 'embed-host.js'];
// Fixed options and a pinned terser (package.json): the same source always
// gives the same bytes.
const options = { ecma: 2020, module: false, compress: { passes: 2 }, mangle: true, format: { comments: false } };
const check = process.argv.includes('--check');
let stale = 0;
for (const name of scripts) {
  const source = readFileSync(path.join(repo, 'static', name), 'utf8');
  const { code } = await minify(source, options);
  const out = path.join(repo, 'minified', name);
  const wanted = code + '\n';
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {}
  if (current === wanted) continue;
  if (check) {
    console.error(`minified/${name} is stale: run node tests/browser/minify.mjs`);
    stale += 1;
  } else {
    writeFileSync(out, wanted);
    console.log(`minified/${name}: ${source.length} → ${wanted.length} bytes`);
  }
}
process.exit(stale ? 1 : 0);
