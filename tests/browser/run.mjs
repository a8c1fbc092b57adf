// Real-browser checks of the built page. Builds the shipped story, the
// edge-case story and the French and Arabic stories, serves each under
// /explainer/ (as on a GitHub Pages
// project site, where a root-relative link would break), and drives Debian's
// Chromium. Exits non-zero when any check fails; screenshots go to
// target/screenshots/ for a person to look at.
//
// Environment: CHROME_PATH (default /usr/bin/chromium), SKIP_LIGHTHOUSE=1 to
// skip the slowest step while iterating on the page.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve, serveHost } from './server.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const target = path.join(repo, 'target');
const shots = path.join(target, 'screenshots');
const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
// The flags this machine's Chromium needs to run headless without reaching
// out to Google's services, which would count as requests to other hosts.
const chromeFlags = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const PREFIX = '/explainer/';
const viewports = [
  { name: '390', width: 390, height: 844 },
  { name: '1280', width: 1280, height: 800 },
];
const schemes = ['light', 'dark'];
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'];
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const failures = [];
const summary = [];
function check(ok, what) {
  if (!ok) failures.push(what);
  return ok;
}

function build(name, args) {
  const out = path.join(target, 'browser', name);
  const result = spawnSync('cargo', ['run', '--release', '--locked', '--quiet', '--', 'build', '--output', out, ...args], {
    cwd: repo, encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`building ${name} failed`);
  }
  // "Built … (16 people, 9 quotes, 13 timeline events) in …": the counts
  // the page must show, taken from the facts rather than from the page.
  const m = /\((\d+) people, (\d+) quotes, (\d+) timeline events[,)]/.exec(result.stdout + result.stderr);
  if (!m) throw new Error(`no counts in the build summary of ${name}`);
  return { name, dir: out, people: +m[1], quotes: +m[2], events: +m[3] };
}

function files(dir, ext) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith(ext))
    .map((f) => path.join(dir, f));
}

// The Nu HTML Checker over every HTML and CSS file.
function vnu(site) {
  const jar = require('vnu-jar');
  const inputs = [...files(site.dir, '.html'), ...files(site.dir, '.css')];
  const result = spawnSync('java', ['-jar', jar, '--format', 'json', '--also-check-css', '--also-check-svg', ...inputs, ...files(site.dir, '.svg')], {
    encoding: 'utf8',
  });
  const messages = JSON.parse(result.stderr || '{"messages":[]}').messages;
  const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
  for (const m of [...errors, ...warnings]) {
    console.log(`  vnu ${m.type === 'error' ? 'error' : 'warning'}: ${path.relative(repo, fileURLToPath(m.url))}:${m.lastLine}: ${m.message}`);
  }
  check(errors.length === 0, `${site.name}: ${errors.length} Nu HTML Checker errors`);
  summary.push(`${site.name}: vnu ${errors.length} errors, ${warnings.length} warnings on ${inputs.length} files`);
}

// Everything a page asks the network for, so requests elsewhere or that
// fail can be reported.
function watch(page, origin, label) {
  const log = { console: [], failed: [], foreign: [], outside: [], urls: [] };
  page.on('console', (msg) => { if (msg.type() === 'error') log.console.push(msg.text()); });
  page.on('pageerror', (err) => log.console.push(String(err)));
  // Chromium fetches the icon after the load event and cancels it when
  // the next `goto` comes first: an aborted icon request says nothing of
  // the site (a missing icon is still caught, as a 404 response, below).
  page.on('requestfailed', (req) => {
    const aborted = req.failure()?.errorText === 'net::ERR_ABORTED';
    if (aborted && new URL(req.url()).pathname.endsWith('/favicon.svg')) return;
    log.failed.push(`${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => { if (res.status() >= 400) log.failed.push(`${res.url()} ${res.status()}`); });
  page.on('request', (req) => {
    const url = new URL(req.url());
    log.urls.push(req.url());
    if (url.origin !== origin) log.foreign.push(req.url());
    else if (!url.pathname.startsWith(PREFIX)) log.outside.push(req.url());
  });
  return () => {
    check(log.console.length === 0, `${label}: console errors: ${log.console.join(' | ')}`);
    check(log.failed.length === 0, `${label}: failed requests: ${log.failed.join(' | ')}`);
    check(log.foreign.length === 0, `${label}: requests to other hosts: ${log.foreign.join(' | ')}`);
    check(log.outside.length === 0, `${label}: requests outside ${PREFIX}: ${log.outside.join(' | ')}`);
    return log;
  };
}

async function newContext(browser, options) {
  const context = await browser.newContext(options);
  // Nothing may leave the machine even if the page asks it to.
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  return context;
}

async function axeAndShots(browser, site, url, origin) {
  for (const vp of viewports) {
    for (const scheme of schemes) {
      const label = `${site.name} ${vp.name}px ${scheme}`;
      const context = await newContext(browser, { viewport: vp, colorScheme: scheme, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const done = watch(page, origin, label);
      await page.goto(url, { waitUntil: 'load' });
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(scroll <= 0, `${label}: scrolls sideways by ${scroll}px`);
      await page.addScriptTag({ content: axeSource });
      const results = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), axeTags);
      for (const v of results.violations) {
        console.log(`  axe ${label}: ${v.id} (${v.impact}): ${v.help}`);
        for (const node of v.nodes.slice(0, 5)) console.log(`      ${node.target.join(' ')}: ${node.failureSummary.split('\n').slice(1, 2).join('')}`);
      }
      check(results.violations.length === 0, `${label}: ${results.violations.length} axe violations`);
      summary.push(`${label}: axe ${results.violations.length} violations, ${results.passes.length} rules passed, ${results.incomplete.length} to review`);
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, `${site.name}-${vp.name}-${scheme}.png`), fullPage: true });
      const log = done();
      if (vp.name === '390' && scheme === 'light') {
        check(log.urls.length <= 5, `${label}: ${log.urls.length} requests (budget 5)`);
        summary.push(`${site.name}: ${log.urls.length} requests: ${log.urls.map((u) => new URL(u).pathname).join(', ')}`);
      }
      await context.close();
    }
  }
  // The narrowest phone the design promises to fit.
  const context = await newContext(browser, { viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto(url);
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(scroll <= 0, `${site.name} 320px: scrolls sideways by ${scroll}px`);
  // The printout, at the width of an A4 page, for a person to look at.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: path.join(shots, `${site.name}-print.png`), fullPage: true });
  await context.close();
}

// The stories whose facts carry key events, a dateline, a backstory and
// policy pages: the edge story (left to right) and the Arabic one.
const newsroomBlocks = {
  edge: { keyEvents: 1, standards: 2, known: 2, unknown: 1 },
  ar: { keyEvents: 1, standards: 2, known: 2, unknown: 1 },
};

async function withoutJs(browser, site, url) {
  const context = await newContext(browser, { javaScriptEnabled: false, viewport: viewports[0] });
  const page = await context.newPage();
  await page.goto(url);
  const seen = await page.evaluate(() => {
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const count = (sel) => [...document.querySelectorAll(sel)].filter(visible).length;
    return {
      paragraphs: count('#article p[id^="p-"]'),
      text: document.querySelector('#article')?.innerText.length ?? 0,
      cards: count('#whos-who .card'),
      quotes: count('#quotes figure > blockquote'),
      events: count('#timeline li[id^="event-"]'),
      // The blocks of a developing story: each key event leads to an
      // update the page has; the dateline, the backstory and the standards.
      keyEvents: count('.key-events li'),
      keyLinks: [...document.querySelectorAll('.key-events a')]
        .filter((a) => visible(a) && document.getElementById(a.hash.slice(1))).length,
      dateline: count('#article .dateline'),
      backstory: count('#article aside h3'),
      standards: [...document.querySelectorAll('.site-footer a')].filter(visible).length,
      // What is known and not, each item at its own id.
      known: count('.known li[id^="known-"]'),
      unknown: count('.unknown li[id^="unknown-"]'),
    };
  });
  const label = `${site.name} without JavaScript`;
  check(seen.paragraphs > 0 && seen.text > 200, `${label}: the article is missing`);
  check(seen.cards === site.people, `${label}: ${seen.cards} of ${site.people} cards visible`);
  check(seen.quotes === site.quotes, `${label}: ${seen.quotes} of ${site.quotes} quotes visible`);
  check(seen.events === site.events, `${label}: ${seen.events} of ${site.events} events visible`);
  const newsroom = newsroomBlocks[site.name];
  if (newsroom) {
    check(seen.keyEvents === newsroom.keyEvents && seen.keyLinks === newsroom.keyEvents,
      `${label}: ${seen.keyEvents} key events visible, ${seen.keyLinks} leading to an update (want ${newsroom.keyEvents})`);
    check(seen.dateline === 1 && seen.backstory === 1, `${label}: dateline ${seen.dateline}, backstory ${seen.backstory}`);
    check(seen.standards === newsroom.standards, `${label}: ${seen.standards} of ${newsroom.standards} standards links visible`);
    check(seen.known === newsroom.known && seen.unknown === newsroom.unknown,
      `${label}: ${seen.known} known and ${seen.unknown} unknown items visible (want ${newsroom.known} and ${newsroom.unknown})`);
  }
  summary.push(`${label}: ${seen.paragraphs} paragraphs, ${seen.cards} cards, ${seen.quotes} quotes, ${seen.events} events, ${seen.keyEvents} key events`);
  await context.close();
}

// Tab from the top: the skip link comes first, then every interactive
// element in turn, each with a visible focus ring that nothing covers.
async function keyboard(browser, site, url) {
  for (const vp of viewports) {
    const label = `${site.name} keyboard ${vp.name}px`;
    const context = await newContext(browser, { viewport: vp });
    const page = await context.newPage();
    await page.goto(url);
    const wanted = await page.evaluate(() => {
      const sel = 'a[href], button:not([disabled]), input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
      return [...document.querySelectorAll(sel)].filter((el) => el.getClientRects().length > 0).length;
    });
    const reached = new Set();
    const problems = [];
    for (let i = 0; i < wanted + 5; i++) {
      await page.keyboard.press('Tab');
      const state = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        if (!el.dataset.tabSeen) el.dataset.tabSeen = String(Object.keys(document.querySelectorAll('[data-tab-seen]')).length);
        const style = getComputedStyle(el);
        const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
        const rect = el.getClientRects()[0];
        let covered = !rect;
        if (rect) {
          const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
          const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
          const hit = document.elementFromPoint(x, y);
          covered = !(hit && (el === hit || el.contains(hit) || hit.contains(el))) || rect.bottom < 0 || rect.top > innerHeight;
        }
        const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ')[0] : ''} "${(el.textContent || '').trim().slice(0, 30)}"`;
        return { id: el.dataset.tabSeen, name, ring, covered, skip: el.classList.contains('skip-link') };
      });
      if (i === 0) check(state?.skip === true, `${label}: the first Tab lands on ${state?.name ?? 'nothing'}, not the skip link`);
      if (!state) break;
      if (reached.has(state.id)) break;
      reached.add(state.id);
      if (!state.ring) problems.push(`no focus ring on ${state.name}`);
      if (state.covered) problems.push(`${state.name} is focused out of sight`);
    }
    check(reached.size >= wanted, `${label}: Tab reached ${reached.size} of ${wanted} interactive elements`);
    check(problems.length === 0, `${label}: ${problems.slice(0, 8).join('; ')}`);
    summary.push(`${label}: Tab reached ${reached.size} of ${wanted}, ${problems.length} focus problems`);
    await context.close();
  }
}

// The optional enhancements: filtering by person, the role on a mention,
// copy-link buttons. Each page must also work without them (see withoutJs).
async function enhancements(browser, site, url) {
  const label = `${site.name} enhancements`;
  const context = await newContext(browser, { viewport: viewports[1], permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const done = watch(page, new URL(url).origin, label);
  await page.goto(url);
  const filter = page.locator('#person-filter');
  if (!check(await filter.count() === 1, `${label}: no person filter`)) return context.close();
  const person = await page.evaluate(() => {
    const q = document.querySelector('#quotes .speaker');
    return q ? q.getAttribute('href').slice('#person-'.length) : null;
  });
  if (person) {
    await filter.selectOption(person);
    const shown = await page.evaluate((id) => {
      const visible = (el) => el.getClientRects().length > 0;
      const quotes = [...document.querySelectorAll('#quotes .quotes > li')];
      return {
        wrong: quotes.filter(visible).filter((li) => li.querySelector('.speaker').getAttribute('href') !== `#person-${id}`).length,
        right: quotes.filter(visible).length,
        status: document.querySelector('#filter-status')?.textContent ?? '',
        name: document.querySelector('#person-filter').selectedOptions[0].text,
      };
    }, person);
    check(shown.wrong === 0 && shown.right > 0, `${label}: filtering by ${person} shows ${shown.wrong} other quotes`);
    // Counts may be spelled out ("تصريح واحد"), so the name is what must be there.
    check(shown.status.includes(shown.name) && !/undefined|\{/.test(shown.status), `${label}: the filter announces "${shown.status}"`);
    summary.push(`${label}: the filter says "${shown.status}"`);
    await filter.selectOption('');
    const all = await page.locator('#quotes .quotes > li:visible').count();
    check(all === site.quotes, `${label}: clearing the filter shows ${all} of ${site.quotes} quotes`);
  }
  const mention = page.locator('#article a.mention[data-person]').first();
  if (await mention.count()) {
    await mention.focus();
    const tip = await page.evaluate(() => {
      const a = document.activeElement;
      const id = a.getAttribute('aria-describedby');
      const el = id && document.getElementById(id);
      return el && el.getClientRects().length > 0 ? el.textContent : '';
    });
    check(tip.length > 0, `${label}: focusing a mention shows no role`);
  }
  // The buttons' words are the page's, in its language.
  const words = JSON.parse(await page.locator('#explainer-words').textContent());
  const copy = page.locator('#quotes .quotes button.copy-link', { hasText: words.copy_link }).first();
  if (check(await copy.count() === 1, `${label}: no copy-link button on quotes`)) {
    await copy.click();
    const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => ''));
    check(/#quote-[\p{L}\p{N}-]+$/u.test(copied), `${label}: copy link copied "${copied}"`);
  }
  // The embed code of an event, which the host page test then pastes.
  let snippet = '';
  const embed = page.locator('#timeline li.event:not(.event-story) button.copy-link', { hasText: words.copy_embed }).first();
  if (check(await embed.count() === 1, `${label}: no "Copy embed code" on events`)) {
    await embed.click();
    snippet = await page.evaluate(() => navigator.clipboard.readText().catch(() => ''));
    const ok = /^<iframe src="http:\/\/[^"]+\/explainer\/embed\/event-[^"]+\.html" title="[^"]+ · [^"]+" height="\d+" style="[^"]+"><\/iframe><script src="http:\/\/[^"]+\/explainer\/embed-host\.js" async><\/script>$/.test(snippet);
    check(ok, `${label}: copy embed code copied "${snippet}"`);
  }
  const buttons = await page.locator('button.copy-link', { hasText: words.copy_embed }).count();
  const wanted = site.people + site.quotes + site.events + (site.people ? 1 : 0) + (site.quotes ? 1 : 0) + 1;
  check(buttons === wanted, `${label}: ${buttons} "Copy embed code" buttons, not ${wanted}`);
  done();
  await context.close();
  return snippet;
}

// The embed pages, one by one as a frame shows each: no sideways scroll,
// axe at both of a frame's widths in both themes, and screenshots of one
// of each kind.
const embedWidths = [320, 700];
function embedIds(site) {
  return readdirSync(path.join(site.dir, 'embed')).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();
}
async function embedsAlone(browser, site) {
  const ids = embedIds(site);
  const shown = ['summary', 'whos-who', 'quotes', 'timeline', ...['person-', 'quote-', 'event-'].map((k) => ids.find((id) => id.startsWith(k)))];
  let runs = 0, violations = 0;
  for (const width of embedWidths) {
    for (const scheme of schemes) {
      const label = `${site.name} embeds ${width}px ${scheme}`;
      const context = await newContext(browser, { viewport: { width, height: 600 }, colorScheme: scheme, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const done = watch(page, new URL(site.url).origin, label);
      for (const id of ids) {
        await page.goto(`${site.url}embed/${id}.html`, { waitUntil: 'load' });
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        check(scroll <= 0, `${label}: embed/${id}.html scrolls sideways by ${scroll}px`);
        await page.addScriptTag({ content: axeSource });
        const results = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), axeTags);
        for (const v of results.violations) {
          console.log(`  axe ${label} embed/${id}.html: ${v.id} (${v.impact}): ${v.help}`);
          for (const node of v.nodes.slice(0, 3)) console.log(`      ${node.target.join(' ')}`);
        }
        violations += results.violations.length;
        runs += 1;
        if (shown.includes(id)) await page.screenshot({ path: path.join(shots, `${site.name}-embed-${id}-${width}-${scheme}.png`), fullPage: true });
      }
      done();
      await context.close();
    }
  }
  check(violations === 0, `${site.name}: ${violations} axe violations on embed pages`);
  const sizes = ids.map((id) => readFileSync(path.join(site.dir, 'embed', `${id}.html`)).length);
  summary.push(`${site.name}: ${ids.length} embed pages, axe ${violations} violations in ${runs} runs; HTML ${Math.min(...sizes)}–${Math.max(...sizes)} bytes`);
}

// Without JavaScript every embed shows what it is for.
async function embedsWithoutJs(browser, site) {
  const context = await newContext(browser, { javaScriptEnabled: false, viewport: { width: 320, height: 600 } });
  const page = await context.newPage();
  const label = `${site.name} embeds without JavaScript`;
  const count = (sel) => page.evaluate((sel) => [...document.querySelectorAll(sel)].filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden').length, sel);
  const sections = { 'whos-who': ['.card', site.people], quotes: ['figure > blockquote', site.quotes], timeline: ['li[id^="event-"]', site.events] };
  let seen = 0;
  for (const id of embedIds(site)) {
    await page.goto(`${site.url}embed/${id}.html`);
    if (sections[id]) {
      const [sel, wanted] = sections[id];
      const n = await count(sel);
      check(n === wanted, `${label}: embed/${id}.html shows ${n} of ${wanted}`);
    } else if (id !== 'summary') {
      const n = await count(`[id="${id}"]`);
      check(n === 1, `${label}: embed/${id}.html does not show #${id}`);
    } else {
      check(await count('h1') === 1, `${label}: embed/summary.html has no visible title`);
    }
    seen += 1;
  }
  summary.push(`${label}: ${seen} pages, each showing its part`);
  await context.close();
}

// A newsroom's page on another origin frames the three sections and one
// quote with the real pym.js parent, and one event with the code "Copy embed
// code" gave (embed-host.js, no pym). Each frame must come to fit its
// content, with no scrollbar of its own, at both widths.
async function hostPage(browser, site, snippet) {
  const quote = embedIds(site).find((id) => id.startsWith('quote-'));
  const parts = ['whos-who', 'quotes', 'timeline', quote].filter(Boolean);
  const pym = readFileSync(require.resolve('pym.js/dist/pym.v1.min.js'), 'utf8');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>A newsroom's story</title>
<style>body{margin:0;font:18px/1.5 Georgia,serif}main{max-width:700px;margin:0 auto;padding:0 10px}</style></head>
<body><main><h1>A newsroom's own story</h1><p>The story's own words, then the explainer's parts.</p>
${parts.map((id) => `<div id="pym-${id}"></div><p>More of the story.</p>`).join('\n')}
<div class="pasted">${snippet}</div><p>The end.</p></main>
<script src="/pym.v1.min.js"></script>
<script>${parts.map((id) => `new pym.Parent('pym-${id}', '${site.url}embed/${id}.html', { title: 'Explainer: ${id}' });`).join('\n')}</script>
</body></html>`;
  const host = await serveHost({ '/': ['text/html; charset=utf-8', html], '/pym.v1.min.js': ['text/javascript; charset=utf-8', pym] });
  const hostOrigin = `http://127.0.0.1:${host.address().port}`;
  const siteOrigin = new URL(site.url).origin;
  check(hostOrigin !== siteOrigin, 'the host page is on another origin');
  try {
    for (const width of embedWidths) {
      for (const scheme of schemes) {
        const label = `${site.name} host page ${width}px ${scheme}`;
        const context = await newContext(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        const errors = [], elsewhere = [];
        page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
        page.on('pageerror', (err) => errors.push(String(err)));
        page.on('request', (req) => { const o = new URL(req.url()).origin; if (o !== hostOrigin && o !== siteOrigin) elsewhere.push(req.url()); });
        await page.goto(`${hostOrigin}/`, { waitUntil: 'load' });
        const frames = await page.locator('iframe').elementHandles();
        check(frames.length === parts.length + (snippet ? 1 : 0), `${label}: ${frames.length} frames`);
        // Until every frame has its height and it holds still.
        const measure = async () => Promise.all(frames.map(async (f) => {
          const outer = await f.evaluate((el) => el.getBoundingClientRect().height);
          const frame = await f.contentFrame();
          const inner = await frame.evaluate(() => ({
            id: location.pathname.split('/').pop(),
            content: document.documentElement.getBoundingClientRect().height,
            scroll: document.documentElement.scrollHeight - innerHeight,
          }));
          return { outer, ...inner };
        }));
        let last = '', now = [];
        for (let i = 0; i < 50; i++) {
          await page.waitForTimeout(200);
          now = await measure();
          const key = JSON.stringify(now);
          if (key === last && now.every((m) => Math.abs(m.outer - m.content) <= 3)) break;
          last = key;
        }
        for (const m of now) {
          check(Math.abs(m.outer - m.content) <= 3, `${label}: ${m.id} frame is ${m.outer}px for ${m.content.toFixed(1)}px of content`);
          check(m.scroll <= 1, `${label}: ${m.id} scrolls inside its frame by ${m.scroll}px`);
        }
        if (scheme === 'light') summary.push(`${label}: ${now.map((m) => `${m.id} frame ${Math.round(m.outer)} px / content ${m.content.toFixed(1)} px`).join('; ')}`);
        check(errors.length === 0, `${label}: console errors: ${errors.join(' | ')}`);
        check(elsewhere.length === 0, `${label}: requests elsewhere: ${elsewhere.join(' | ')}`);
        // A frame out of sight may not be painted in a full-page shot, so
        // each frame has one of its own as well.
        for (const [i, f] of frames.entries()) {
          await f.scrollIntoViewIfNeeded();
          await page.waitForTimeout(100);
          await f.screenshot({ path: path.join(shots, `${site.name}-host-${width}-${scheme}-${now[i].id.replace('.html', '')}.png`) });
        }
        await page.screenshot({ path: path.join(shots, `${site.name}-host-${width}-${scheme}.png`), fullPage: true });
        await context.close();
      }
    }
  } finally {
    host.close();
  }
}

// Async, not spawnSync: the test server lives in this process and must keep
// answering while Lighthouse loads the page.
function runAsync(bin, args, env) {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdout.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stderr }); });
  });
}

async function lighthouse(site, url) {
  const out = path.join(target, 'browser', `lighthouse-${site.name}.json`);
  const bin = path.join(here, 'node_modules', '.bin', 'lighthouse');
  const run = () => runAsync(bin, [
    url, '--quiet', '--output=json', `--output-path=${out}`,
    '--only-categories=performance,accessibility,best-practices,seo',
    `--chrome-flags=--headless=new ${chromeFlags.join(' ')}`,
  ], { ...process.env, CHROME_PATH: chrome });
  let result = await run();
  // A browser that dies while starting is the machine, not the page: retry once.
  if (result.status !== 0 && /Target closed|ECONNREFUSED|launch/i.test(result.stderr)) result = await run();
  if (result.status !== 0) {
    check(false, `${site.name}: Lighthouse failed: ${result.stderr.slice(-500)}`);
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const score = (id) => Math.round(report.categories[id].score * 100);
  const scores = Object.fromEntries(['performance', 'accessibility', 'best-practices', 'seo'].map((id) => [id, score(id)]));
  for (const [id, cat] of Object.entries(report.categories)) {
    for (const ref of cat.auditRefs) {
      const audit = report.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) console.log(`  lighthouse ${site.name} ${id}: ${ref.id} ${audit.score} ${audit.displayValue ?? ''}`);
    }
  }
  check(scores.performance >= 95, `${site.name}: Lighthouse performance ${scores.performance}`);
  for (const id of ['accessibility', 'best-practices', 'seo']) check(scores[id] === 100, `${site.name}: Lighthouse ${id} ${scores[id]}`);
  summary.push(`${site.name}: Lighthouse ${Object.entries(scores).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

// Bytes of what a first visit downloads: the page, its CSS and JS.
function weight(site) {
  // The page's own folder: past editions and the record are pages of
  // their own, never loaded with it.
  const sizes = readdirSync(site.dir).filter((f) => /\.(html|css|js|svg)$/.test(f))
    .map((f) => [f, readFileSync(path.join(site.dir, f)).length]);
  const page = readFileSync(path.join(site.dir, 'index.html'), 'utf8');
  // What a reader of the page downloads: the page and every stylesheet and
  // script it links (the 404 page and changes.html are other pages).
  const budget = sizes
    .filter(([f]) => f === 'index.html' || (/\.(css|js)$/.test(f) && page.includes(`"${f}"`)))
    .reduce((a, [, n]) => a + n, 0);
  summary.push(`${site.name}: ${sizes.map(([f, n]) => `${f} ${n}`).join(', ')}; HTML+CSS+JS ${budget} bytes`);
  return budget;
}

// The shipped story with a history of its own: its first edition committed,
// then a correction and a removal committed as the second, then an update
// left uncommitted as the latest. The record of changes and a past edition
// are checked like the page.
// The shipped story with a 24-megapixel photo and a 1600×2000 headshot,
// made by the build's own example (no large file is committed).
function storyWithPictures() {
  const root = path.join(target, 'browser', 'pictures-story');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'static', 'people'), { recursive: true });
  cpSync(path.join(repo, 'content'), path.join(root, 'content'), { recursive: true });
  for (const [w, h, file] of [[6000, 4000, 'riyadh.jpg'], [1600, 2000, 'people/rubio.jpg']]) {
    const r = spawnSync('cargo', ['run', '--release', '--locked', '--quiet', '--example', 'test_photo', '--', `${w}`, `${h}`, path.join(root, 'static', file)], { cwd: repo, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`test_photo: ${r.stderr}`);
  }
  const edit = (file, from, to) => {
    const p = path.join(root, 'content', file);
    const text = readFileSync(p, 'utf8');
    if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
    writeFileSync(p, text.replace(from, to));
  };
  edit('article.md', '  credit: Evelyn Hockstein/Pool Photo via AP\n', '  credit: Evelyn Hockstein/Pool Photo via AP\n  src: riyadh.jpg\n  alt: The delegations at the table in Diriyah Palace\n');
  edit('facts.yaml', '    role: U.S. Secretary of State\n', '    role: U.S. Secretary of State\n    image: people/rubio.jpg\n');
  return root;
}

// The picture bytes a reader downloads: a phone (390 px, 3 device pixels
// per CSS pixel) on arrival and after scrolling to the end, and a desktop
// at 1280 px; and how far the page moved as pictures arrived.
async function pictureBytes(browser, site, url) {
  const runs = [
    { name: 'phone 390 px @3x', viewport: viewports[0], deviceScaleFactor: 3, isMobile: true, limit: 250 * 1024 },
    { name: 'desktop 1280 px @1x', viewport: viewports[1], deviceScaleFactor: 1, isMobile: false, limit: 150 * 1024 },
  ];
  for (const run of runs) {
    const context = await newContext(browser, { viewport: run.viewport, deviceScaleFactor: run.deviceScaleFactor, isMobile: run.isMobile });
    const page = await context.newPage();
    const seen = [];
    page.on('response', async (res) => {
      if (res.request().resourceType() !== 'image') return;
      const body = await res.body().catch(() => Buffer.alloc(0));
      seen.push([new URL(res.url()).pathname.replace(PREFIX, ''), body.length]);
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    const total = () => seen.filter(([f]) => f !== 'favicon.svg').reduce((a, [, n]) => a + n, 0);
    const onArrival = total();
    const onArrivalFiles = seen.map(([f, n]) => `${f} ${n}`).join(', ');
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 400) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 30)); }
    });
    await page.waitForTimeout(500);
    const shift = await page.evaluate(() => new Promise((resolve) => {
      let sum = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value; })
        .observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => resolve(sum), 100);
    }));
    summary.push(`${site.name}: ${run.name}: pictures ${onArrival} bytes on arrival (${onArrivalFiles}), ${total()} after scrolling to the end; layout shift ${shift.toFixed(4)}`);
    console.log(summary[summary.length - 1]);
    check(onArrival > 0 && onArrival <= run.limit, `${site.name}: ${run.name}: ${onArrival} picture bytes on arrival (at most ${run.limit})`);
    check(!seen.some(([f]) => f === 'riyadh.jpg' || f === 'people/rubio.jpg'), `${site.name}: ${run.name}: an original was downloaded`);
    check(shift < 0.01, `${site.name}: ${run.name}: the page moved by ${shift} as pictures arrived`);
    await page.screenshot({ path: path.join(shots, `pictures-${run.viewport.width}.png`), fullPage: false });
    await context.close();
  }
}

function storyWithHistory() {
  const root = path.join(target, 'browser', 'history-story');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(path.join(repo, 'content'), path.join(root, 'content'), { recursive: true });
  const git = (args, date) => {
    const r = spawnSync('git', ['-c', 'user.name=Editor', '-c', 'user.email=editor@example.org', '-c', 'commit.gpgsign=false', ...args], {
      cwd: root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  };
  const facts = path.join(root, 'content', 'facts.yaml');
  const edit = (from, to) => {
    const text = readFileSync(facts, 'utf8');
    if (!text.includes(from)) throw new Error(`${from} not in facts.yaml`);
    writeFileSync(facts, text.replace(from, to));
  };
  writeFileSync(path.join(root, '.gitignore'), 'public/\n');
  git(['init', '-q'], '2025-02-19T12:00:00Z');
  git(['add', '-A'], '2025-02-19T12:00:00Z');
  git(['commit', '-q', '-m', 'First edition'], '2025-02-19T12:00:00Z');
  // The last event goes: its lines are the ones indented under it.
  writeFileSync(facts, readFileSync(facts, 'utf8').replace(/  - id: zelenskyy-rescheduled-visit\n(    .*\n)*/, ''));
  edit('updates:\n', 'updates:\n  - at: 2025-02-20T09:00:00Z\n    text: Removes the rescheduled visit, which was not confirmed.\n');
  writeFileSync(facts, readFileSync(facts, 'utf8') + 'corrections:\n  - at: 2025-02-20T10:00:00Z\n    text: An earlier version misstated when the Crimea treaty was signed.\n    item: event-russia-annexes-crimea\n');
  git(['add', '-A'], '2025-02-20T10:00:00Z');
  git(['commit', '-q', '-m', 'Correction'], '2025-02-20T10:00:00Z');
  edit('updates:\n', 'updates:\n  - at: 2025-02-21T08:00:00Z\n    text: Adds the latest from Kyiv.\n');
  return root;
}

// The shipped story as first published, from a copy of content/: a build
// of the repository's root would read the project's own history and mark
// what changed since its earliest edition, which depends on how deep the
// clone is.
function shippedCopy() {
  const root = path.join(target, 'browser', 'shipped-story');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(path.join(repo, 'content'), path.join(root, 'content'), { recursive: true });
  return root;
}

// A page's direction: the document's, and the side the timeline's line is
// drawn on (the start side: the right, right to left).
async function direction(browser, site, url) {
  const context = await newContext(browser, { viewport: viewports[1] });
  const page = await context.newPage();
  await page.goto(url);
  const seen = await page.evaluate(() => {
    const event = document.querySelector('#timeline .event');
    const style = getComputedStyle(event);
    const marker = getComputedStyle(event, '::before');
    return {
      dir: document.documentElement.dir,
      line: parseFloat(style.borderRightWidth) > 0 ? 'right' : parseFloat(style.borderLeftWidth) > 0 ? 'left' : 'none',
      // The marker sits astride the line: its inset on the line's side is
      // small (negative), on the other side most of the event's width.
      marker: parseFloat(marker.left) < parseFloat(marker.right) ? 'left' : 'right',
    };
  });
  const side = site.textDir === 'rtl' ? 'right' : 'left';
  check(seen.dir === site.textDir, `${site.name}: the page's dir is "${seen.dir}", not ${site.textDir}`);
  check(seen.line === side && seen.marker === side, `${site.name}: the timeline's line is on the ${seen.line}, its markers on the ${seen.marker}`);
  summary.push(`${site.name}: dir ${seen.dir}, timeline line and markers on the ${seen.line}`);
  await context.close();
}

// A site of three stories (tests/fixtures/site), built from a copy so
// that its caches stay out of the repository.
function buildSite() {
  const root = path.join(target, 'browser-site-root');
  rmSync(root, { recursive: true, force: true });
  cpSync(path.join(repo, 'tests/fixtures/site'), root, { recursive: true });
  const out = path.join(target, 'browser', 'site');
  const result = spawnSync('cargo', ['run', '--release', '--locked', '--quiet', '--', 'build', '--root', root, '--output', out], {
    cwd: repo, encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error('building the site failed');
  }
  return { name: 'site', dir: out };
}

// The desk and a shared person's page: accessible and whole in both
// themes and at both widths, the plain list of stories without
// JavaScript, and the search over Pagefind's index with it, a quote's
// result leading to the quote on its story's page.
async function deskAndPeople(browser, site) {
  const server = await serve(site.dir, PREFIX);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const desk = `${origin}${PREFIX}`;
  const person = `${desk}people/lena-okafor/`;
  try {
    vnu(site);
    await axeAndShots(browser, { name: 'desk' }, desk, origin);
    await axeAndShots(browser, { name: 'person' }, person, origin);

    let context = await newContext(browser, { javaScriptEnabled: false, viewport: viewports[0] });
    let page = await context.newPage();
    await page.goto(desk);
    const plain = await page.evaluate(() => ({
      stories: [...document.querySelectorAll('ol.stories > li h3 a')].map((a) => a.textContent),
      search: getComputedStyle(document.querySelector('form.search')).display,
    }));
    check(plain.stories.length === 3, `desk without JavaScript: ${plain.stories.length} of 3 stories listed`);
    check(plain.search === 'none', 'desk without JavaScript: the search box shows, and cannot work');
    summary.push(`desk without JavaScript: ${plain.stories.join(' · ')}`);
    await context.close();

    context = await newContext(browser, { viewport: viewports[1] });
    page = await context.newPage();
    const done = watch(page, origin, 'desk search');
    await page.goto(desk);
    const box = page.getByLabel('Search the stories, people and quotes');
    check(await box.isVisible(), 'desk: no search box with JavaScript');
    await box.fill('prudence');
    const quote = page.locator('.results a').first();
    await quote.waitFor({ timeout: 10000 }).catch(() => {});
    const href = await quote.getAttribute('href').catch(() => null);
    check(href !== null && /pont\/index\.html#quote-/.test(href), `desk search: "prudence" found ${href}`);
    if (href) {
      await quote.click();
      await page.waitForLoadState('load');
      const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
      check(id.startsWith('quote-') && await page.locator(`[id="${id}"]`).isVisible(), `desk search: the quote's result leads to ${page.url()}`);
    }
    await page.goto(desk);
    await box.fill('Okafor');
    const found = page.locator('.results a', { hasText: 'Lena Okafor' }).first();
    await found.waitFor({ timeout: 10000 }).catch(() => {});
    check(await found.count() === 1, 'desk search: "Okafor" does not find her page');
    summary.push(`desk search: "prudence" → ${href}`);
    done();

    // Every quote on a person's page leads to it on its story's page.
    await page.goto(person);
    const links = await page.locator('blockquote a').evaluateAll((as) => as.map((a) => a.href));
    check(links.length === 3, `person: ${links.length} of 3 quotes linked`);
    for (const link of links) {
      await page.goto(link);
      const id = decodeURIComponent(new URL(link).hash.slice(1));
      check(await page.locator(`[id="${id}"]`).isVisible(), `person: ${link} shows no quote`);
    }
    await context.close();
  } finally {
    server.close();
  }
}

// The blocks of a developing story at a phone's width, in both themes and
// with its scripts running: key events, the dateline, the backstory and the
// standards line are shown, inside the page's width, in the page's
// direction. (withoutJs checks the same blocks with JavaScript off.)
async function newsroomAtPhoneWidth(browser, site, url) {
  const want = newsroomBlocks[site.name];
  if (!want) return;
  for (const scheme of schemes) {
    const label = `${site.name} newsroom blocks 390px ${scheme}`;
    const context = await newContext(browser, { viewport: viewports[0], colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(url);
    const seen = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const boxes = (sel) => [...document.querySelectorAll(sel)]
        .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
        .map((el) => {
          const r = el.getBoundingClientRect();
          return { inside: r.left >= -0.5 && r.right <= width + 0.5, dir: getComputedStyle(el).direction };
        });
      return {
        dir: getComputedStyle(document.documentElement).direction,
        keyEvents: boxes('.key-events li'),
        dateline: boxes('#article .dateline'),
        backstory: boxes('#article aside'),
        standards: boxes('.site-footer a'),
      };
    });
    check(seen.keyEvents.length === want.keyEvents, `${label}: ${seen.keyEvents.length} key events shown (want ${want.keyEvents})`);
    check(seen.dateline.length === 1 && seen.backstory.length === 1, `${label}: dateline ${seen.dateline.length}, backstory ${seen.backstory.length}`);
    check(seen.standards.length >= want.standards, `${label}: ${seen.standards.length} standards links shown (want ${want.standards})`);
    for (const [name, list] of Object.entries(seen)) {
      if (!Array.isArray(list)) continue;
      check(list.every((b) => b.inside), `${label}: ${name} crosses the page's edge`);
      check(list.every((b) => b.dir === site.textDir), `${label}: ${name} is not ${site.textDir}`);
    }
    for (const [name, sel] of [['key-events', '.key-events'], ['dateline', '#article .dateline'], ['backstory', '#article aside'], ['standards', '.site-footer']]) {
      await page.locator(sel).first().screenshot({ path: path.join(shots, `${site.name}-390-${scheme}-${name}.png`) });
    }
    summary.push(`${label}: ${seen.keyEvents.length} key events, dateline, backstory, ${seen.standards.length} standards links, all ${site.textDir}`);
    await context.close();
  }
}

// A final story's banner: "no longer being updated", with the time of the
// last update, at a phone's width in both themes, with JavaScript and
// without, in the page's direction, and passing axe.
async function finalBanner(browser, site, url, wording) {
  for (const javaScriptEnabled of [true, false]) {
    for (const scheme of schemes) {
      const label = `${site.name} final banner 390px ${scheme}${javaScriptEnabled ? '' : ' without JavaScript'}`;
      const context = await newContext(browser, { viewport: viewports[0], colorScheme: scheme, javaScriptEnabled });
      const page = await context.newPage();
      const done = watch(page, new URL(url).origin, label);
      await page.goto(url);
      const banner = page.locator('header .banner');
      check(await banner.count() === 1 && await banner.isVisible(), `${label}: no banner`);
      const seen = await banner.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return {
          text: el.innerText,
          time: el.querySelector('time')?.getAttribute('datetime'),
          dir: getComputedStyle(el).direction,
          inside: r.left >= -0.5 && r.right <= document.documentElement.clientWidth + 0.5,
        };
      });
      check(wording.test(seen.text), `${label}: the banner says "${seen.text}"`);
      check(Boolean(seen.time), `${label}: the banner has no time`);
      check(seen.dir === site.textDir && seen.inside, `${label}: banner ${seen.dir}, inside the page: ${seen.inside}`);
      if (javaScriptEnabled) {
        await page.addScriptTag({ content: axeSource });
        const results = await page.evaluate((tags) => window.axe.run('header', { runOnly: { type: 'tag', values: tags } }), axeTags);
        check(results.violations.length === 0, `${label}: axe: ${results.violations.map((v) => v.id).join(', ')}`);
      }
      await banner.screenshot({ path: path.join(shots, `${site.name}-390-${scheme}${javaScriptEnabled ? '' : '-nojs'}-banner.png`) });
      done();
      if (scheme === 'light' && javaScriptEnabled) summary.push(`${label}: "${seen.text}"`);
      await context.close();
    }
  }
}

// A removed item's embed, framed by a newsroom's page with pym.js: the
// notice fits its frame at a phone's width in both themes, says when the
// item went, and its link to the record opens in the whole window.
async function removedEmbedInHost(browser, site, siteUrl) {
  const id = 'event-zelenskyy-rescheduled-visit';
  const pym = readFileSync(require.resolve('pym.js/dist/pym.v1.min.js'), 'utf8');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>A newsroom's story</title></head>
<body><main><h1>A newsroom's own story</h1><div id="pym-removed"></div><p>The end.</p></main>
<script src="/pym.v1.min.js"></script>
<script>new pym.Parent('pym-removed', '${siteUrl}embed/${id}.html', { title: 'Explainer: a removed event' });</script>
</body></html>`;
  const host = await serveHost({ '/': ['text/html; charset=utf-8', html], '/pym.v1.min.js': ['text/javascript; charset=utf-8', pym] });
  const hostOrigin = `http://127.0.0.1:${host.address().port}`;
  try {
    for (const scheme of schemes) {
      const label = `${site.name} removed embed in a host 390px ${scheme}`;
      const context = await newContext(browser, { viewport: viewports[0], colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${hostOrigin}/`, { waitUntil: 'load' });
      const frameEl = page.locator('#pym-removed iframe');
      let m = {};
      for (let i = 0; i < 50; i++) {
        await page.waitForTimeout(200);
        const outer = await frameEl.evaluate((el) => el.getBoundingClientRect().height);
        const inner = await (await frameEl.elementHandle()).contentFrame().then((f) => f.evaluate(() => ({
          content: document.documentElement.getBoundingClientRect().height,
          heading: document.querySelector('h2')?.innerText ?? '',
        })));
        m = { outer, ...inner };
        if (Math.abs(m.outer - m.content) <= 3) break;
      }
      check(Math.abs(m.outer - m.content) <= 3, `${label}: frame ${m.outer}px for ${m.content}px of content`);
      check(m.outer > 160, `${label}: the frame kept pym's first height (${m.outer}px)`);
      check(/^Removed from the explainer on .+\.$/.test(m.heading), `${label}: the notice says "${m.heading}"`);
      await frameEl.screenshot({ path: path.join(shots, `${site.name}-removed-embed-390-${scheme}.png`) });
      summary.push(`${label}: frame ${Math.round(m.outer)} px / content ${m.content.toFixed(1)} px: "${m.heading}"`);
      if (scheme === 'light') {
        const frame = page.frameLocator('#pym-removed iframe');
        await Promise.all([page.waitForURL(/changes\.html#edition-/), frame.locator('.embed-more a').click()]);
        check(page.url().startsWith(siteUrl), `${label}: the record opened at ${page.url()}`);
        const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
        check(await page.locator(`[id="${anchor}"]`).count() === 1, `${label}: the record has no #${anchor}`);
      }
      await context.close();
    }
  } finally {
    host.close();
  }
}

// The Arabic fixture, final: the banner right to left.
function arabicFinal() {
  const root = path.join(target, 'browser', 'final-ar-story');
  rmSync(root, { recursive: true, force: true });
  cpSync(path.join(repo, 'tests/fixtures/ar'), root, { recursive: true });
  const article = path.join(root, 'content', 'article.md');
  const text = readFileSync(article, 'utf8');
  if (!text.includes('\nlang: ar\n')) throw new Error('no `lang: ar` in the Arabic fixture');
  writeFileSync(article, text.replace('\nlang: ar\n', '\nlang: ar\nfinal: 2026-05-20T18:00:00+03:00\n'));
  return root;
}

const siteOfStories = buildSite();
const sites = [
  build('shipped', ['--root', shippedCopy()]),
  build('edge', ['--root', 'tests/fixtures/edge']),
  build('fr', ['--root', 'tests/fixtures/fr']),
  build('ar', ['--root', 'tests/fixtures/ar']),
];
for (const site of sites) site.textDir = site.name === 'ar' ? 'rtl' : 'ltr';
const history = build('history', ['--root', storyWithHistory()]);
// A story whose quotes are checked against transcripts: each transcript's
// page is checked as a page of its own.
const transcripts = build('transcripts', ['--root', 'tests/fixtures/transcripts']);
const pictures = build('pictures', ['--root', storyWithPictures()]);
// Final stories, left to right and right to left: their banner.
const finals = [
  { ...build('final', ['--root', 'tests/fixtures/final']), textDir: 'ltr', wording: /^This explainer is no longer being updated \(last updated .+\)\.$/ },
  { ...build('final-ar', ['--root', arabicFinal()]), textDir: 'rtl', wording: /^توقف تحديث هذا التقرير \(آخر تحديث في .+\)\.$/ },
];
const editions = readdirSync(path.join(history.dir, 'editions')).sort();
check(editions.length === 2, `history: ${editions.length} past editions, not 2`);
// changes.html and the oldest past edition: checked as pages of their own.
const recordPages = [
  { ...history, name: 'changes', path: 'changes.html' },
  { ...history, name: 'edition', path: `editions/${editions[0]}/index.html` },
];
rmSync(shots, { recursive: true, force: true });
const servers = [];
const browser = await chromium.launch({ executablePath: chrome, args: chromeFlags });
try {
  for (const site of sites) {
    const server = await serve(site.dir, PREFIX);
    servers.push(server);
    const origin = `http://127.0.0.1:${server.address().port}`;
    site.url = `${origin}${PREFIX}`;
    console.log(`${site.name}: ${site.url}`);
    const bytes = weight(site);
    if (site.name === 'shipped') check(bytes < 60 * 1024, `shipped: HTML+CSS+JS is ${bytes} bytes (budget 61440)`);
    vnu(site);
    await axeAndShots(browser, site, site.url, origin);
    await withoutJs(browser, site, site.url);
    await keyboard(browser, site, site.url);
    const snippet = await enhancements(browser, site, site.url);
    await direction(browser, site, site.url);
    await embedsAlone(browser, site);
    await embedsWithoutJs(browser, site);
    await hostPage(browser, site, snippet ?? '');
    await newsroomAtPhoneWidth(browser, site, site.url);
  }
  const server = await serve(history.dir, PREFIX);
  servers.push(server);
  const origin = `http://127.0.0.1:${server.address().port}`;
  vnu(history);
  for (const page of recordPages) {
    const url = `${origin}${PREFIX}${page.path}`;
    console.log(`${page.name}: ${url}`);
    await axeAndShots(browser, page, url, origin);
  }
  const transcriptServer = await serve(transcripts.dir, PREFIX);
  servers.push(transcriptServer);
  const transcriptOrigin = `http://127.0.0.1:${transcriptServer.address().port}`;
  vnu(transcripts);
  const transcriptPages = readdirSync(path.join(transcripts.dir, 'sources')).sort();
  check(transcriptPages.length === 3, `transcripts: ${transcriptPages.length} transcript pages, not 3`);
  for (const file of transcriptPages) {
    const page = { ...transcripts, name: `transcript-${file.replace(/\.html$/, '')}` };
    const url = `${transcriptOrigin}${PREFIX}sources/${file}`;
    console.log(`${page.name}: ${url}`);
    await axeAndShots(browser, page, url, transcriptOrigin);
  }
  await removedEmbedInHost(browser, history, `${origin}${PREFIX}`);
  for (const final of finals) {
    const finalServer = await serve(final.dir, PREFIX);
    servers.push(finalServer);
    await finalBanner(browser, final, `http://127.0.0.1:${finalServer.address().port}${PREFIX}`, final.wording);
  }
  await deskAndPeople(browser, siteOfStories);
  const picturesServer = await serve(pictures.dir, PREFIX);
  servers.push(picturesServer);
  await pictureBytes(browser, pictures, `http://127.0.0.1:${picturesServer.address().port}${PREFIX}`);
  const context = await newContext(browser, {});
  const tab = await context.newPage();
  await tab.goto(`${origin}${PREFIX}${recordPages[1].path}`);
  const banner = await tab.locator('.banner').innerText();
  // The correction committed after it is of an event this edition shows.
  check(/^An earlier version of this explainer, as of .+\. Read the latest\. An item shown here was corrected later: .+$/.test(banner), `edition: banner says "${banner}"`);
  const later = tab.locator('.banner a[href*="changes.html#edition-"]');
  check(await later.count() === 1, 'edition: the banner does not link the later correction');
  // A past edition's items are not offered for embedding: the embeds show the latest edition.
  const pastEmbeds = await tab.locator('button.copy-link').filter({ hasText: 'Copy embed code' }).count();
  check(pastEmbeds === 0, `edition: ${pastEmbeds} "Copy embed code" buttons on a past edition`);
  check(await tab.locator('button.copy-link').count() > 0, 'edition: no "Copy link" buttons on a past edition');
  await tab.locator('.banner a').first().click();
  check(tab.url() === `${origin}${PREFIX}index.html`, `edition: "Read the latest" leads to ${tab.url()}`);
  await tab.goto(`${origin}${PREFIX}changes.html`);
  const removed = tab.locator('.entry-removed a').first();
  check(await removed.count() === 1, 'changes: no removed item linked');
  await removed.click();
  check(tab.url().includes('/editions/') && tab.url().endsWith('#event-zelenskyy-rescheduled-visit'), `changes: a removed item leads to ${tab.url()}`);
  check(await tab.locator('#event-zelenskyy-rescheduled-visit').isVisible(), 'changes: the removed item is not on the edition it links to');
  await context.close();
} finally {
  await browser.close();
}
// Checked before Lighthouse runs: its SEO audit asks for /robots.txt at the
// root of the host by design, which says nothing about the page.
servers.forEach((server, i) => {
  check(server.outside.length === 0, `${(sites[i] ?? history).name}: the server was asked for ${server.outside.join(', ')}`);
});
// Lighthouse starts its own Chromium; on two shared cores it is only
// reliable with the other browser gone.
try {
  if (!process.env.SKIP_LIGHTHOUSE) for (const site of sites) await lighthouse(site, site.url);
} finally {
  servers.forEach((server) => server.close());
}

writeFileSync(path.join(target, 'browser', 'summary.txt'), summary.join('\n') + '\n');
console.log(summary.join('\n'));
console.log(`screenshots: ${path.relative(repo, shots)}/`);
if (failures.length) {
  console.error(`\n${failures.length} browser check(s) failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('browser checks passed');
