// `npm run bench`: whole CLI processes on a synthetic partner configuration, with the floors
// (js-yaml parse, SELECT, COPY) of the same data measured in the same run; then `ccac validate`
// on issue #16's hostile inputs (bench/hostile-inputs.mjs), against their time and memory targets.
//   node bench/run.mjs [--sizes 1000,10000,100000] [--dbs postgres,pglite] [--runs 3]
//                      [--pg postgres://root@127.0.0.1:5432/postgres] [--out bench/results] [--smoke]
//                      [--only report|push] [--hostile-only]
// --smoke: 1k, one run, hostile inputs at a tenth of their size, no results written; checks that
// every step exits as expected. --only report: the audit report's step alone (bench/report.mjs),
// into its own results files. --only push: `ccac push` of the largest tenant into the Webex
// simulator, counting calls (bench/push.mjs). --hostile-only: the hostile inputs alone.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import jsYaml from 'js-yaml';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ACTOR, changeOneFile, changeOnePercent, generate } from './generate.mjs';
import { benchReport, reportMarkdown } from './report.mjs';
import { writeHostileInputs } from './hostile-inputs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/main.js');

function options() {
  const args = process.argv.slice(2);
  const get = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? fallback : args[i + 1];
  };
  const smoke = args.includes('--smoke');
  return {
    smoke,
    hostileOnly: args.includes('--hostile-only'),
    sizes: get('sizes', smoke ? '1000' : '1000,10000,100000')
      .split(',')
      .map(Number),
    dbs: get('dbs', 'postgres,pglite').split(','),
    runs: Number(get('runs', smoke ? '1' : '3')),
    pg: get('pg', process.env.CCAC_BENCH_PG ?? 'postgres://root@127.0.0.1:5432/postgres'),
    out: get('out', path.join(ROOT, 'bench/results')),
    only: get('only', ''),
  };
}

/**
 * Runs the CLI; wall time from spawn to exit, peak RSS from /proc/<pid>/status (VmHWM).
 * `cacheDir` is the run's parse cache (CCAC_CACHE_DIR); `cold` empties it first.
 */
async function runCli(args, expectCodes, { cacheDir, cold = false }) {
  if (cold) await rm(cacheDir, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CCAC_CACHE_DIR: cacheDir },
    });
    let peakKb = 0;
    let stderr = '';
    const poll = async () => {
      try {
        const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        if (kb > peakKb) peakKb = kb;
      } catch {
        // the process has exited
      }
    };
    const timer = setInterval(poll, 20);
    child.stdout.resume();
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', async (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(timer);
      if (!expectCodes.includes(code))
        reject(new Error(`ccac ${args.join(' ')} exited ${code}:\n${stderr.slice(-2000)}`));
      else resolve({ ms, rssMb: peakKb / 1024 });
    });
  });
}

async function timed(work) {
  const started = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

/** Floor: js-yaml 4 `load` of every file (read included), as fast as YAML gets in Node. */
async function parseFloor(dir) {
  const { readdir } = await import('node:fs/promises');
  const files = [];
  const walk = async (d) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.name.endsWith('.yaml')) files.push(full);
    }
  };
  await walk(dir);
  return (
    await timed(async () => {
      let docs = 0;
      for (const f of files) jsYaml.loadAll(await readFile(f, 'utf8'), () => docs++);
      return docs;
    })
  ).ms;
}

/** A fresh database per run: a new PostgreSQL database, or a new PGlite directory. */
async function freshDatabase(db, settings, label) {
  if (db === 'pglite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'ccac-bench-'));
    return {
      url: `pglite:${path.join(dir, 'state')}`,
      dir: path.join(dir, 'state'),
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `ccac_bench_${process.pid}_${label}`;
  const admin = new pg.Client({ connectionString: settings.pg });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(settings.pg);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: settings.pg });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const RESOURCE_COLUMNS = 'scope, kind, name, tenant, value, hash';
const CHANGE_COLUMNS = 'scope, revision, address, kind, name, action, before, after';

/** COPY text format: tabs, newlines and backslashes escaped, NULL as \N. */
function copyText(rows, columns) {
  const escape = (v) =>
    v === null || v === undefined
      ? '\\N'
      : (typeof v === 'object' ? JSON.stringify(v) : String(v))
          .replace(/\\/g, '\\\\')
          .replace(/\t/g, '\\t')
          .replace(/\n/g, '\\n')
          .replace(/\r/g, '\\r');
  const names = columns.split(', ');
  return rows.map((r) => names.map((n) => escape(r[n])).join('\t')).join('\n') + '\n';
}

/**
 * The floor's tables: shaped like ccac's own (keys and indexes included) and, like them, logged —
 * a temporary table skips the write-ahead log, which no durable write can.
 */
const FLOOR_TABLES = [
  'create schema ccac_floor',
  'create table ccac_floor.resources (like public.resources including all)',
  'create table ccac_floor.changes (like public.changes including all)',
];
const DROP_FLOOR_TABLES = 'drop schema ccac_floor cascade';

/**
 * Floors on the stored data: SELECT of every resource row, and COPY of the rows the first
 * apply wrote (resources and change records) into empty tables of the same shape.
 */
async function storeFloors(db, database) {
  if (db === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const select = await timed(() =>
      client.query(`select ${RESOURCE_COLUMNS} from resources order by scope, kind, name`),
    );
    const changes = await client.query(`select ${CHANGE_COLUMNS} from changes where revision = 1`);
    const resourcesText = copyText(select.value.rows, RESOURCE_COLUMNS);
    const changesText = copyText(changes.rows, CHANGE_COLUMNS);
    for (const sql of FLOOR_TABLES) await client.query(sql);
    const copy = await timed(async () => {
      await client.query('begin');
      for (const [table, columns, text] of [
        ['ccac_floor.resources', RESOURCE_COLUMNS, resourcesText],
        ['ccac_floor.changes', CHANGE_COLUMNS, changesText],
      ]) {
        const stream = client.query(copyFrom(`copy ${table} (${columns}) from stdin`));
        await new Promise((resolve, reject) => {
          stream.on('finish', resolve);
          stream.on('error', reject);
          stream.end(text);
        });
      }
      await client.query('commit');
    });
    await client.query(DROP_FLOOR_TABLES);
    await client.end();
    return { selectMs: select.ms, copyMs: copy.ms, rows: select.value.rows.length };
  }
  // PGlite: the floor is PGlite itself (open, SELECT; COPY from a blob, since FROM STDIN is not served).
  const opened = await timed(() => PGlite.create(database.dir));
  const lite = opened.value;
  const select = await timed(() =>
    lite.query(`select ${RESOURCE_COLUMNS} from resources order by scope, kind, name`),
  );
  const changes = await lite.query(`select ${CHANGE_COLUMNS} from changes where revision = 1`);
  for (const sql of FLOOR_TABLES) await lite.query(sql);
  const resourcesBlob = new Blob([copyText(select.value.rows, RESOURCE_COLUMNS)]);
  const changesBlob = new Blob([copyText(changes.rows, CHANGE_COLUMNS)]);
  const copy = await timed(async () => {
    await lite.query(`copy ccac_floor.resources (${RESOURCE_COLUMNS}) from '/dev/blob'`, [], {
      blob: resourcesBlob,
    });
    await lite.query(`copy ccac_floor.changes (${CHANGE_COLUMNS}) from '/dev/blob'`, [], {
      blob: changesBlob,
    });
  });
  await lite.close();
  return { selectMs: opened.ms + select.ms, copyMs: copy.ms, rows: select.value.rows.length };
}

// [id, label, floor, parse cache at the start of the step]
const STEPS = [
  ['validate', 'validate', 'parse', 'cold'],
  ['plan-cold', 'cold plan vs empty store', 'parse+empty', 'cold'],
  ['apply-all', 'apply of all creates', 'copy', 'warm'],
  ['plan-noop', 'plan, nothing changed', 'parse+select', 'warm'],
  ['plan-1pct', 'plan after 1% changed', 'parse+select', 'users & teams files changed'],
  ['apply-1pct', 'apply of that 1%', 'copy1pct', 'warm'],
  ['plan-1file', 're-plan after one file changed', 'parse+select', '1 file changed'],
];

async function oneRun(size, db, settings, run) {
  const dir = path.join(ROOT, 'bench/.data', `config-${size}`);
  const generated = await generate(dir, size);
  const database = await freshDatabase(db, settings, `${size}_${run}`);
  const dbArgs = ['--db', database.url];
  const cache = { cacheDir: path.join(ROOT, 'bench/.data', 'cache') };
  const cold = { ...cache, cold: true };
  const t = {};
  try {
    t['validate'] = await runCli(['validate', dir], [0], cold);
    // Truly cold: the validate before it must not have filled the cache.
    t['plan-cold'] = await runCli(['plan', dir, ...dbArgs, '--detailed-exitcode'], [2], cold);
    t['apply-all'] = await runCli(
      ['apply', dir, ...dbArgs, '--actor', ACTOR, '--auto-approve'],
      [0],
      cache,
    );
    t['plan-noop'] = await runCli(['plan', dir, ...dbArgs, '--detailed-exitcode'], [0], cache);
    const changed = await changeOnePercent(dir, generated.tenants);
    t['plan-1pct'] = await runCli(['plan', dir, ...dbArgs, '--detailed-exitcode'], [2], cache);
    t['apply-1pct'] = await runCli(
      ['apply', dir, ...dbArgs, '--actor', ACTOR, '--auto-approve'],
      [0],
      cache,
    );
    await changeOneFile(dir);
    t['plan-1file'] = await runCli(['plan', dir, ...dbArgs, '--detailed-exitcode'], [2], cache);
    const parseMs = await parseFloor(dir);
    const floors = await storeFloors(db, database);
    return { generated, changed, steps: t, floors: { parseMs, ...floors } };
  } finally {
    await database.drop();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function summarise(runs) {
  const floors = {
    parse: median(runs.map((r) => r.floors.parseMs)),
    select: median(runs.map((r) => r.floors.selectMs)),
    copy: median(runs.map((r) => r.floors.copyMs)),
  };
  const floorOf = {
    parse: floors.parse,
    'parse+empty': floors.parse,
    'parse+select': floors.parse + floors.select,
    copy: floors.copy,
    // COPY of 1% of the rows, scaled from the full COPY.
    copy1pct: floors.copy * (runs[0].changed / runs[0].floors.rows),
  };
  const steps = STEPS.map(([id, label, floor, cache]) => {
    const ms = median(runs.map((r) => r.steps[id].ms));
    return {
      id,
      label,
      cache,
      medianMs: ms,
      floor,
      floorMs: floorOf[floor],
      ratio: ms / floorOf[floor],
      rssMb: Math.max(...runs.map((r) => r.steps[id].rssMb)),
      runsMs: runs.map((r) => r.steps[id].ms),
    };
  });
  return { floors, steps };
}

function markdown(size, db, summary, runs, machine) {
  const s = (ms) => (ms / 1000).toFixed(2);
  const lines = [
    `### ${size.toLocaleString('en')} resources on ${db} (${runs.length} runs, medians)`,
    '',
    `Config: ${runs[0].generated.tenants} tenants, ${(runs[0].generated.bytes / 1e6).toFixed(1)} MB of YAML; 1% change = ${runs[0].changed} resources. ${machine}`,
    '',
    '| step | parse cache | median s | floor | floor s | ratio | peak RSS MB |',
    '|---|---|---:|---|---:|---:|---:|',
    ...summary.steps.map(
      (st) =>
        `| ${st.label} | ${st.cache} | ${s(st.medianMs)} | ${st.floor} | ${s(st.floorMs)} | ${st.ratio.toFixed(1)}× | ${st.rssMb.toFixed(0)} |`,
    ),
    '',
    `Floors: js-yaml 4 load ${s(summary.floors.parse)} s · SELECT all rows ${s(summary.floors.select)} s · COPY of resources + change rows into tables like ccac's (logged, keyed) ${s(summary.floors.copy)} s.`,
    '',
  ];
  return lines.join('\n');
}

/** The issue's targets at 100k, checked against this run's medians. */
function targetLines(db, summary) {
  const step = (id) => summary.steps.find((st) => st.id === id);
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const cold = step('plan-cold');
  const apply = step('apply-all');
  const rss = Math.max(...summary.steps.map((st) => st.rssMb));
  const rows = [
    [
      'cold plan ≤ 3 s and ≤ 2× floor',
      `${s(cold.medianMs)}, ${cold.ratio.toFixed(1)}×`,
      cold.medianMs <= 3000 && cold.ratio <= 2,
    ],
    [
      'plan with nothing changed ≤ 1.5 s',
      s(step('plan-noop').medianMs),
      step('plan-noop').medianMs <= 1500,
    ],
    [
      're-plan after one file changed ≤ 1 s',
      s(step('plan-1file').medianMs),
      step('plan-1file').medianMs <= 1000,
    ],
    db === 'postgres'
      ? [
          'apply of 100k creates ≤ 2× COPY floor',
          `${s(apply.medianMs)}, ${apply.ratio.toFixed(1)}×`,
          apply.ratio <= 2,
        ]
      : [
          'apply of 100k creates (stated)',
          `${s(apply.medianMs)}, ${apply.ratio.toFixed(1)}×`,
          null,
        ],
    db === 'postgres'
      ? ['peak RSS ≤ 1 GB', `${rss.toFixed(0)} MB`, rss <= 1024]
      : ['peak RSS (stated)', `${rss.toFixed(0)} MB`, null],
  ];
  return [
    `Targets at 100k on ${db}:`,
    '',
    '| target | measured (median) | met? |',
    '|---|---:|---|',
    ...rows.map(
      ([target, measured, met]) =>
        `| ${target} | ${measured} | ${met === null ? '—' : met ? 'yes' : 'no'} |`,
    ),
    '',
  ];
}

/** Milliseconds per 1,000 resources of each step at each size: flat means linear. */
function growthLines(sized) {
  if (sized.length < 2) return [];
  const header = `| step | ${sized.map(({ size }) => `${size.toLocaleString('en')}`).join(' | ')} |`;
  return [
    '### Growth: ms per 1,000 resources (flat = linear)',
    '',
    header,
    `|---|${sized.map(() => '---:').join('|')}|`,
    ...STEPS.map(([id, label]) => {
      const cells = sized.map(({ size, summary }) => {
        const st = summary.steps.find((x) => x.id === id);
        return (st.medianMs / (size / 1000)).toFixed(1);
      });
      return `| ${label} | ${cells.join(' | ')} |`;
    }),
    '',
  ];
}

/**
 * `ccac validate` on each hostile input (a cold parse cache each run): median time and peak RSS,
 * against the input's targets. Each must exit 1 with its diagnostic.
 */
async function hostileRows(settings) {
  const dir = path.join(ROOT, 'bench/.data', 'hostile');
  const inputs = await writeHostileInputs(dir, settings.smoke ? 0.1 : 1);
  const cold = { cacheDir: path.join(ROOT, 'bench/.data', 'cache'), cold: true };
  const rows = [];
  for (const input of inputs) {
    process.stderr.write(`bench: hostile input ${input.id}\n`);
    const runs = [];
    for (let run = 0; run < settings.runs; run++)
      runs.push(await runCli(['validate', input.file], [1], cold));
    const ms = median(runs.map((r) => r.ms));
    const rssMb = Math.max(...runs.map((r) => r.rssMb));
    const met =
      ms <= input.targets.ms && (input.targets.rssMb === undefined || rssMb <= input.targets.rssMb);
    rows.push({
      id: input.id,
      label: input.label,
      bytes: input.bytes,
      targets: input.targets,
      ms,
      rssMb,
      met,
      runsMs: runs.map((r) => r.ms),
    });
  }
  return rows;
}

function hostileMarkdown(rows, settings, machine) {
  const target = ({ ms, rssMb }) =>
    `≤ ${(ms / 1000).toFixed(0)} s${rssMb === undefined ? '' : `, ≤ ${rssMb} MB`}`;
  return [
    `### Hostile inputs: \`ccac validate\`, each rejected (exit 1) (${settings.runs} runs, medians${settings.smoke ? '; smoke: a tenth of their size' : ''})`,
    '',
    machine,
    '',
    '| input | size MB | median s | peak RSS MB | target | met? |',
    '|---|---:|---:|---:|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${(r.bytes / 1e6).toFixed(1)} | ${(r.ms / 1000).toFixed(2)} | ${r.rssMb.toFixed(0)} | ${target(r.targets)} | ${r.met ? 'yes' : 'no'} |`,
    ),
    '',
  ].join('\n');
}

/** `--only push`: bench/push.mjs, which starts the TypeScript simulator (so under tsx). */
function benchPush(settings) {
  const args = ['--import', 'tsx', path.join(ROOT, 'bench/push.mjs'), '--out', settings.out];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`bench/push.mjs exited ${code}`)),
    );
  });
}

async function main() {
  const settings = options();
  if (settings.only === 'push') return benchPush(settings);
  const results = {};
  const os = await import('node:os');
  const machine = `${os.cpus().length} cores, load average at start ${os.loadavg()[0].toFixed(1)}, node ${process.version}.`;
  const reports = {};
  for (const db of settings.hostileOnly ? [] : settings.dbs) {
    results[db] = [];
    reports[db] = [];
    for (const size of settings.sizes) {
      if (settings.only !== 'report') {
        const runs = [];
        for (let run = 0; run < settings.runs; run++) {
          process.stderr.write(`bench: ${size} on ${db}, run ${run + 1}/${settings.runs}\n`);
          runs.push(await oneRun(size, db, settings, run));
        }
        const summary = summarise(runs);
        process.stdout.write(markdown(size, db, summary, runs, machine) + '\n');
        results[db].push({ size, summary, runs });
      }
      const reportArgs = { size, db, runs: settings.runs, settings, root: ROOT };
      const report = await benchReport({ ...reportArgs, runCli, freshDatabase });
      process.stdout.write(reportMarkdown(report) + '\n');
      reports[db].push(report);
    }
  }
  // The audit report's step alone (--only report) leaves the hostile inputs out.
  const hostile = settings.only === 'report' ? undefined : await hostileRows(settings);
  const hostileText = hostile && hostileMarkdown(hostile, settings, machine);
  if (hostileText) process.stdout.write(hostileText + '\n');
  await rm(path.join(ROOT, 'bench/.data'), { recursive: true, force: true });
  if (settings.smoke) return;
  await mkdir(settings.out, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  if (hostileText) {
    const hostileBase = path.join(settings.out, `${date}-hostile`);
    await writeFile(
      `${hostileBase}.md`,
      `# ccac bench, ${date}, hostile inputs\n\nReproduce: \`npm run build && node bench/run.mjs --hostile-only --runs ${settings.runs}\`\n\n${hostileText}`,
    );
    await writeFile(
      `${hostileBase}.json`,
      JSON.stringify({ date, machine, hostile }, null, 2) + '\n',
    );
    process.stderr.write(`bench: wrote ${hostileBase}.md and .json\n`);
  }
  for (const [db, sized] of Object.entries(results)) {
    const only = settings.only === 'report' ? ' --only report' : '';
    const base = path.join(settings.out, `${date}-${db}${only ? '-report' : ''}`);
    const body = sized.map(({ size, summary, runs }) =>
      [
        markdown(size, db, summary, runs, machine),
        ...(size === 100_000 ? targetLines(db, summary) : []),
      ].join('\n'),
    );
    body.push(growthLines(sized).join('\n'), ...reports[db].map(reportMarkdown));
    await writeFile(
      `${base}.md`,
      `# ccac bench, ${date}, ${db}\n\nReproduce: \`npm run build && node bench/run.mjs --dbs ${db} --sizes ${settings.sizes.join(',')} --runs ${settings.runs}${only}\`\n\nWhat was tried, and what each change gained: [HISTORY.md](../HISTORY.md).\n\n${body.join('\n')}`,
    );
    await writeFile(
      `${base}.json`,
      JSON.stringify({ date, db, machine, results: sized, reports: reports[db] }, null, 2) + '\n',
    );
    process.stderr.write(`bench: wrote ${base}.md and .json\n`);
  }
}

await main();
