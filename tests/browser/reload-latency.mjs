// How long a save of facts.yaml takes to reach an open page, end to end:
// from the write to the reloaded page's `load` event in Chromium, with
// `explainer serve` rebuilding in between.
//
//   cd tests/browser && npm ci --ignore-scripts
//   node reload-latency.mjs [--runs 20] [--binary ../../target/release/explainer]
//
// Serves a copy of the shipped story; needs a release build
// (`cargo build --release`) and Chromium at $CHROME_PATH or /usr/bin/chromium.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const runs = Number(option("--runs", "20"));
const binary = resolve(option("--binary", join(repo, "target/release/explainer")));

const root = mkdtempSync(join(tmpdir(), "explainer-latency-"));
cpSync(join(repo, "content"), join(root, "content"), { recursive: true });
const factsPath = join(root, "content", "facts.yaml");
const original = readFileSync(factsPath, "utf8");

const server = spawn(binary, ["serve", "--port", "0", "--root", root], {
  stdio: ["ignore", "ignore", "pipe"],
});
const address = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: server.stderr });
  lines.on("line", (line) => {
    const found = line.match(/Serving on (http:\/\/\S+)/);
    if (found) resolve(found[1]);
  });
  server.on("exit", () => reject(new Error("serve exited")));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
await page.goto(address);

const times = [];
for (let run = 1; run <= runs; run += 1) {
  const marker = `Secretary of State, take ${run}`;
  // Let the event stream of the freshly loaded page connect first.
  await page.waitForTimeout(300);
  const reloaded = page.waitForEvent("load", { timeout: 10_000 });
  const started = performance.now();
  writeFileSync(factsPath, original.replace("U.S. Secretary of State", marker));
  await reloaded;
  const elapsed = performance.now() - started;
  if (!(await page.content()).includes(marker)) throw new Error(`run ${run}: stale page`);
  times.push(elapsed);
}

await browser.close();
server.kill("SIGINT");
rmSync(root, { recursive: true, force: true });

times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(`save → reloaded page, ${runs} runs: median ${at(0.5).toFixed(0)} ms, ` +
  `fastest ${times[0].toFixed(0)} ms, 90th percentile ${at(0.9).toFixed(0)} ms, slowest ${times.at(-1).toFixed(0)} ms`);
