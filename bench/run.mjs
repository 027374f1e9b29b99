// `npm run bench`: whole CLI processes on a synthetic partner configuration, with the floors
// (js-yaml parse, SELECT, COPY) of the same data measured in the same run: the developer's loop,
// a GitOps pipeline's steps CI-cold in every shape of bench/shapes.mjs (bench/pipeline.mjs), the
// audit report (bench/report.mjs); then `ccac validate` on issue #16's hostile inputs.
//   node bench/run.mjs [--sizes 1000,10000,100000] [--dbs postgres,pglite] [--runs 5]
//                      [--shapes generator,lists,flow,quoted] [--label NAME]
//                      [--pg postgres://root@127.0.0.1:5432/postgres] [--out bench/results]
//                      [--smoke] [--only report|push|import] [--hostile-only] [--settle SECONDS]
// Results go to bench/results/<date>-<label>.md and .json (label: the databases, by default).
// --smoke: 1k, one run, hostile inputs at a tenth of their size, no results written; checks that
// every step exits as expected. --only report: the audit report's step alone (bench/report.mjs),
// into its own results files. --only push: `ccac push` of the largest tenant into the Webex
// simulator, counting calls (bench/push.mjs). --only import: `ccac import webex` of a realistic org
// of 10,000 people from the simulator, timed with its calls (bench/import.mjs). --hostile-only:
// the hostile inputs alone. --settle S: before each run, wait (at most S seconds) for the 1-minute
// load average to fall to 1.0, so that a run does not start in the wake of the one before. Every
// timed step and floor starts once `sync` has written out what the steps before it left
// (measure.mjs settledDisk).
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeHostileInputs } from './hostile-inputs.mjs';
import { freshDatabase, median, runCli, setNodeFlags } from './measure.mjs';
import { oneRun } from './pipeline.mjs';
import { benchReport, reportMarkdown } from './report.mjs';
import { SHAPES } from './shapes.mjs';
import { devTable, growthTable, keptCacheTable, pipelineTable } from './tables.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `usage: node bench/run.mjs [--sizes 1000,10000,100000] [--dbs postgres,pglite] [--runs 5]
       [--shapes ${SHAPES.join(',')}] [--label NAME] [--settle SECONDS]
       [--pg postgres://root@127.0.0.1:5432/postgres] [--out bench/results]
       [--smoke] [--only report|push|import] [--hostile-only]`;

/** The command line, strictly: a misspelt option stops the bench instead of running it all. */
function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        sizes: { type: 'string' },
        dbs: { type: 'string', default: 'postgres,pglite' },
        runs: { type: 'string' },
        shapes: { type: 'string', default: SHAPES.join(',') },
        label: { type: 'string', default: '' },
        settle: { type: 'string', default: '0' },
        pg: {
          type: 'string',
          default: process.env.CCAC_BENCH_PG ?? 'postgres://root@127.0.0.1:5432/postgres',
        },
        out: { type: 'string', default: path.join(ROOT, 'bench/results') },
        only: { type: 'string', default: '' },
        smoke: { type: 'boolean', default: false },
        'hostile-only': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    usageError(error.message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const shapes = values.shapes.split(',');
  const unknown = shapes.filter((shape) => !SHAPES.includes(shape));
  if (unknown.length) usageError(`unknown shapes ${unknown}: ${SHAPES.join(', ')}`);
  if (!['', 'report', 'push', 'import'].includes(values.only))
    usageError(`unknown --only ${values.only}: report, push or import`);
  const numbers = (text) => text.split(',').map(Number);
  const settings = {
    smoke: values.smoke,
    hostileOnly: values['hostile-only'],
    sizes: numbers(values.sizes ?? (values.smoke ? '1000' : '1000,10000,100000')),
    dbs: values.dbs.split(','),
    runs: Number(values.runs ?? (values.smoke ? '1' : '5')),
    settleSeconds: Number(values.settle),
    // The generator's shape always: the developer's loop and the growth table are measured on it.
    shapes: ['generator', ...shapes.filter((shape) => shape !== 'generator')],
    label: values.label,
    pg: values.pg,
    out: values.out,
    only: values.only,
  };
  const badDb = settings.dbs.find((db) => !['postgres', 'pglite'].includes(db));
  if (badDb) usageError(`unknown database ${badDb}: postgres or pglite`);
  const counts = [...settings.sizes, settings.runs, settings.settleSeconds];
  if (counts.some((n) => !Number.isInteger(n) || n < 0))
    usageError('--sizes, --runs and --settle take whole numbers');
  return settings;
}

function usageError(message) {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(1);
}

/** The machine and what it was doing when the bench started: the load and the busiest processes. */
function machineLine() {
  let busiest = '';
  try {
    busiest = execFileSync('ps', ['-eo', 'pcpu,comm', '--sort=-pcpu', '--no-headers'], {
      encoding: 'utf8',
    })
      .split('\n')
      .slice(0, 5)
      .map((line) => line.trim().replace(/\s+/, '% '))
      .filter(Boolean)
      .join(', ');
  } catch {
    busiest = 'unknown (no ps)';
  }
  // The model too: the floors' ratios differ between machines (js-yaml gained a third against
  // ccac's parse on one with the same core count), so a result says which it came from.
  const model = os.cpus()[0]?.model.trim() ?? 'unknown';
  return `${os.cpus().length} cores (${model}), load average at start ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')} (1/5/15 min), node ${process.version}; busiest processes then: ${busiest}.`;
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

/** The developer's loop and the pipeline's steps of every run at one size on one database. */
async function sizeOnDatabase(size, db, settings) {
  // The smoke checks the shapes on the first database only: parsing does not depend on it.
  const shapes = settings.smoke && db !== settings.dbs[0] ? ['generator'] : settings.shapes;
  const runs = [];
  for (let run = 0; run < settings.runs; run++) {
    process.stderr.write(`bench: ${size} on ${db}, run ${run + 1}/${settings.runs}\n`);
    runs.push(await oneRun({ size, db, settings, run, root: ROOT, shapes }));
  }
  const text = [
    pipelineTable(size, db, runs, shapes),
    keptCacheTable(size, db, runs),
    devTable(size, db, runs),
  ].join('\n');
  process.stdout.write(text + '\n');
  return { size, runs, text };
}

function reproduce(settings) {
  const only = settings.only === 'report' ? ' --only report' : '';
  const settle = settings.settleSeconds ? ` --settle ${settings.settleSeconds}` : '';
  return `npm run build && node bench/run.mjs --dbs ${settings.dbs.join(',')} --sizes ${settings.sizes.join(',')} --runs ${settings.runs} --shapes ${settings.shapes.join(',')}${settle}${only}`;
}

/**
 * `--only push` and `--only import`: bench/push.mjs or bench/import.mjs, which start the
 * TypeScript simulator (so under tsx).
 */
function benchWithSimulator(script, settings) {
  const args = ['--import', 'tsx', path.join(ROOT, `bench/${script}.mjs`), '--out', settings.out];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`bench/${script}.mjs exited ${code}`)),
    );
  });
}

async function main() {
  const settings = options();
  if (settings.only === 'push' || settings.only === 'import')
    return benchWithSimulator(settings.only, settings);
  // No timing is asserted in the smoke run: PGlite's WebAssembly on V8's baseline compiler only
  // (as the tests run it) costs about half the CPU on the machine CI shares with the linters.
  if (settings.smoke) setNodeFlags(['--liftoff-only']);
  // Saved plans are signed in a pipeline (CCAC_PLAN_KEY, a CI secret): the bench signs them too.
  process.env.CCAC_PLAN_KEY ||= 'bench-plan-key-not-a-secret-0123456789abcdef';
  const machine = machineLine();
  const results = {};
  const reports = {};
  for (const db of settings.hostileOnly ? [] : settings.dbs) {
    results[db] = [];
    reports[db] = [];
    for (const size of settings.sizes) {
      if (settings.only !== 'report') results[db].push(await sizeOnDatabase(size, db, settings));
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
  const label =
    settings.label ||
    (settings.hostileOnly ? 'hostile' : settings.dbs.join('-')) +
      (settings.only === 'report' ? '-report' : '');
  const base = path.join(settings.out, `${date}-${label}`);
  const body = Object.entries(results).flatMap(([db, sized]) => [
    `## ${db}`,
    '',
    ...sized.map(({ text }) => text),
    growthTable(sized),
    ...reports[db].map(reportMarkdown),
  ]);
  if (hostileText) body.push(hostileText);
  await writeFile(
    `${base}.md`,
    `# ccac bench, ${date}, ${label}\n\nReproduce: \`${reproduce(settings)}\`\n\nMachine: ${machine}\n\nWhat was tried, and what each change gained: [HISTORY.md](../HISTORY.md).\n\n${body.join('\n')}`,
  );
  const json = Object.fromEntries(
    Object.entries(results).map(([db, sized]) => [
      db,
      sized.map(({ size, runs }) => ({ size, runs })),
    ]),
  );
  await writeFile(
    `${base}.json`,
    JSON.stringify({ date, machine, settings, results: json, reports, hostile }, null, 2) + '\n',
  );
  process.stderr.write(`bench: wrote ${base}.md and .json\n`);
}

await main();
