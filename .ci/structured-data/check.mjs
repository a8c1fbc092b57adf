// The built page read by glitchdigital's structured-data-testing-tool, the
// way its CLI reads a file (`sdtt --file … --presets Google,Facebook`), but
// through its API, offline:
//
//   node .ci/structured-data/check.mjs public/index.html LiveBlogPosting
//   node .ci/structured-data/check.mjs final/index.html NewsArticle
//
// The page must hold the schema named, pass the Google and Facebook presets
// with no failure, and, as a LiveBlogPosting, also what Google asks of
// every article (author, datePublished, headline, image, publisher with its
// logo): the tool's own LiveBlogPosting preset checks only its type, and
// Google reads a live blog as an article. The Twitter preset is not run: it
// asks for twitter:title, twitter:description and twitter:image, which X
// takes from og:title, og:description and og:image when they are absent,
// and which would cost the page bytes of its budget. Exits 1 on a failure,
// printing each one.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { structuredDataTest } = require('structured-data-testing-tool');
const { Google, Facebook } = require('structured-data-testing-tool/presets');
const { _articlePrototype } = require(
  'structured-data-testing-tool/presets/google/schemas/CreativeWork/Article',
);

const [file, schema] = process.argv.slice(2);
if (!file || !['LiveBlogPosting', 'NewsArticle'].includes(schema)) {
  console.error('usage: check.mjs <page.html> LiveBlogPosting|NewsArticle');
  process.exit(2);
}

const presets = [Google, Facebook];
if (schema === 'LiveBlogPosting') {
  presets.push({ ..._articlePrototype('LiveBlogPosting'), name: 'Google > Article (LiveBlogPosting)' });
}

let result;
try {
  result = await structuredDataTest(readFileSync(file), { presets, schemas: [`jsonld:${schema}`] });
} catch (error) {
  if (error.type !== 'VALIDATION_FAILED') throw error;
  result = error.res;
}
const describe = (t) => `${t.group ? `${t.group}: ` : ''}${t.description || t.test}`;
for (const test of result.failed) console.error(`  failed: ${describe(test)}`);
for (const test of result.warnings) console.log(`  warning: ${describe(test)}`);
console.log(
  `${file}: ${result.schemas.join(', ')}; ${result.passed.length} passed, ` +
    `${result.failed.length} failed, ${result.warnings.length} warnings`,
);
process.exit(result.failed.length ? 1 : 0);
