// The audit report at partner scale (#21 item 4), a step of `npm run bench`: a store holding the
// bench configuration applied one tenant at a time (the organizations with the first, so 101
// revisions at 100k), then `ccac report --out` and headless Chromium loading the page, 5 runs.
// A target is met only when every run meets it; each run records the load average at its start.
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { ACTOR, generate } from './generate.mjs';
import { settledLoad } from './measure.mjs';

const CHROMIUM = '/usr/bin/chromium';
/** As test/browser/report.test.ts launches it. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const REPORT_TARGETS = { writeMs: 2000, bytes: 5e6, loadMs: 2000, rssMb: 512 };

/**
 * `runCli` and `freshDatabase` are run.mjs's: the same process measurement (wall time, peak RSS
 * from /proc) and the same fresh database per size as every other step.
 */
export async function benchReport({ size, db, runs, settings, root, runCli, freshDatabase }) {
  const dir = path.join(root, 'bench/.data', `config-report-${size}`);
  const generated = await generate(dir, size);
  const database = await freshDatabase(db, settings, `report_${size}`);
  const cache = { cacheDir: path.join(root, 'bench/.data', 'cache') };
  const html = path.join(root, 'bench/.data', `report-${size}.html`);
  try {
    const built = await buildStore(dir, database.url, runCli, cache);
    const browser = await launchChromium();
    try {
      const results = [];
      for (let run = 0; run < runs; run++) {
        process.stderr.write(`bench: report of ${size} on ${db}, run ${run + 1}/${runs}\n`);
        const load = await settledLoad(settings.settleSeconds);
        const floor = await selectChanges(db, database);
        const verify = await runCli(['history', 'verify', '--db', database.url], [0], cache);
        const report = await runCli(['report', '--out', html, '--db', database.url], [0], cache);
        const { size: bytes } = await stat(html);
        const page = browser ? await loadInChromium(browser, html, run === 0) : null;
        results.push({ load, floorMs: floor, verify, report, bytes, page });
      }
      return { size, db, generated, built, results };
    } finally {
      await browser?.close();
    }
  } finally {
    await database.drop();
  }
}

/** The organizations with the first tenant, then each tenant's folder alone: a revision each. */
async function buildStore(dir, url, runCli, cache) {
  const tenants = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const organizations = path.join(dir, 'organizations.yaml');
  for (const tenant of tenants) {
    const args = ['apply', organizations, path.join(dir, tenant), '--db', url];
    await runCli([...args, '--actor', ACTOR, '--auto-approve'], [0], cache);
  }
  return { revisions: tenants.length + 1 };
}

/**
 * The floor: reading every change row with its values, which checking the hash chains needs
 * (the report re-hashes them all, as `history verify` does). PGlite is opened as ccac opens it
 * (src/store/pglite-database.ts: a 16 MB page pool), so that its default 128 MB pool, cleared at
 * start, does not pad the floor.
 */
async function selectChanges(db, database) {
  const sql = 'select scope, revision, address, kind, name, action, before, after from changes';
  const started = process.hrtime.bigint();
  if (db === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(sql);
    await client.end();
  } else {
    const lite = await PGlite.create(database.dir, { startParams: PGLITE_START });
    await lite.query(sql);
    await lite.close();
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** As src/store/pglite-database.ts starts PGlite (START_SETTINGS). */
const PGLITE_START = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=16MB',
  '-c',
  'wal_buffers=4MB',
];

async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`bench: no ${CHROMIUM}: the report's load time is not measured\n`);
    return null;
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Loaded: from navigation to the load event and the first frame after it. The first run also
 * checks that the filters work at this scale: one tenant picked, its revision alone is shown.
 */
async function loadInChromium(browser, file, checkFilters) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const started = process.hrtime.bigint();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 120_000 });
    // The first frame after the load event: the page laid out and painted, not just parsed.
    await page.evaluate(() => new Promise((resolve) => globalThis.requestAnimationFrame(resolve)));
    const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (checkFilters) await checkTenantFilter(page);
    if (errors.length > 0) throw new Error(`the report's script failed: ${errors.join('; ')}`);
    return { loadMs };
  } finally {
    await page.close();
  }
}

async function checkTenantFilter(page) {
  const tenant = await page.locator('#filter-tenant option').nth(2).getAttribute('value');
  await page.selectOption('#filter-tenant', tenant);
  const shown = await page.locator('article.revision:not([hidden])').count();
  const count = await page.locator('#shown-count').innerText();
  if (shown < 1 || !count.startsWith(`${shown} of `))
    throw new Error(`tenant filter on ${tenant}: ${shown} revisions shown, "${count}"`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The report's table: every run, then medians with their spread, then the targets. */
export function reportMarkdown({ size, db, generated, built, results }) {
  const s = (ms) => (ms / 1000).toFixed(2);
  const mb = (bytes) => (bytes / 1e6).toFixed(2);
  const loads = results.map((r) => r.load);
  const pages = results.filter((r) => r.page);
  const lines = [
    `### The audit report, ${size.toLocaleString('en')} resources on ${db} (${results.length} runs)`,
    '',
    `Store: ${generated.resources.toLocaleString('en')} resources in ${built.revisions} revisions (one apply per tenant, the organizations with the first). ` +
      `Load average at the start of the runs: ${loads.map((l) => l.toFixed(2)).join(', ')}` +
      (Math.max(...loads) > 1 ? ' — above 1.0: the machine was busy, times are inflated.' : '.'),
    '',
    '| run | load at start | floor: SELECT every change s | `history verify` s | `report --out` s | peak RSS MB | page MB | Chromium load s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r, i) =>
        `| ${i + 1} | ${r.load.toFixed(1)} | ${s(r.floorMs)} | ${s(r.verify.ms)} | ${s(r.report.ms)} | ${r.report.rssMb.toFixed(0)} | ${mb(r.bytes)} | ${r.page ? s(r.page.loadMs) : '—'} |`,
    ),
    `| median (min–max) | | ${spread(
      results.map((r) => r.floorMs),
      s,
    )} | ${spread(
      results.map((r) => r.verify.ms),
      s,
    )} | ${spread(
      results.map((r) => r.report.ms),
      s,
    )} | ${spread(
      results.map((r) => r.report.rssMb),
      (x) => x.toFixed(0),
    )} | ${mb(median(results.map((r) => r.bytes)))} | ${
      pages.length
        ? spread(
            pages.map((r) => r.page.loadMs),
            s,
          )
        : '—'
    } |`,
    '',
    'Targets, each met only when every run meets it:',
    '',
    '| target | worst run | met? |',
    '|---|---:|---|',
    ...reportTargets(results).map(
      ([target, worst, met]) =>
        `| ${target} | ${worst} | ${met === null ? '—' : met ? 'yes' : 'no'} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

function spread(values, format) {
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

export function reportTargets(results) {
  const t = REPORT_TARGETS;
  const worst = (values) => Math.max(...values);
  const write = worst(results.map((r) => r.report.ms));
  const bytes = worst(results.map((r) => r.bytes));
  const rss = worst(results.map((r) => r.report.rssMb));
  const loads = results.filter((r) => r.page).map((r) => r.page.loadMs);
  return [
    [
      `report written in ≤ ${t.writeMs / 1000} s`,
      `${(write / 1000).toFixed(2)} s`,
      write <= t.writeMs,
    ],
    [`page ≤ ${t.bytes / 1e6} MB`, `${(bytes / 1e6).toFixed(2)} MB`, bytes <= t.bytes],
    [
      `loaded by Chromium in ≤ ${t.loadMs / 1000} s`,
      loads.length ? `${(worst(loads) / 1000).toFixed(2)} s` : 'not measured',
      loads.length === results.length ? worst(loads) <= t.loadMs : null,
    ],
    [`peak RSS ≤ ${t.rssMb} MB`, `${rss.toFixed(0)} MB`, rss <= t.rssMb],
  ];
}
