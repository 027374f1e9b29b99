// The results' tables: medians with their spread (min–max), floors from the same runs, and each
// target of #21 with the number of runs that met it (a target counts as met only in every run).
import { median } from './measure.mjs';
import {
  DEV_STEPS,
  floorOf,
  KEPT_CACHE_STEPS,
  metTarget,
  PIPELINE_STEPS,
  RSS_TARGET_MB,
  stepOf,
} from './pipeline.mjs';

const s = (ms) => (ms / 1000).toFixed(2);
const spread = (xs) => `${s(Math.min(...xs))}–${s(Math.max(...xs))}`;
const TARGET_SIZE = 100_000;
const LOADED = 1.0;

/** The load average at the start of each run, those above 1.0 called out. */
export function loadLine(runs) {
  const loads = runs.map(({ load }) =>
    load > LOADED ? `**${load.toFixed(2)} (above ${LOADED.toFixed(1)})**` : load.toFixed(2),
  );
  const loaded = runs.filter(({ load }) => load > LOADED).length;
  const note = loaded
    ? ` ${loaded} of ${runs.length} runs started on a loaded machine: their timings say more about the machine than about ccac.`
    : '';
  return `Load average (1 min) at the start of each run: ${loads.join(', ')}.${note}`;
}

function configLine(runs) {
  const { tenants, bytes, changed } = runs[0].generated;
  return `Config: ${tenants} tenants, ${(bytes / 1e6).toFixed(1)} MB of YAML in the generator's shape; 1% change = ${changed} resources.`;
}

function floorsLine(runs, shapes) {
  const parse = shapes
    .map((shape) => `${shape} ${s(median(runs.map((r) => r.floors.parse[shape])))}`)
    .join(', ');
  return `Floors (medians): js-yaml 4 load of the same files: ${parse} s · SELECT of every stored row ${s(median(runs.map((r) => r.floors.selectMs)))} s · COPY of the first apply's resource and change rows into tables like ccac's (logged, keyed) ${s(median(runs.map((r) => r.floors.copyMs)))} s.`;
}

/** The developer's loop on the generator's shape; a step's target (at 100k) met run by run. */
export function devTable(size, db, runs) {
  const withTargets = size === TARGET_SIZE;
  return [
    `### Developer's loop: ${size.toLocaleString('en')} resources on ${db} (${runs.length} runs)`,
    '',
    '| step | parse cache | median s | min–max s | floor s (median) | ratio (median) | peak RSS MB | target | met |',
    '|---|---|---:|---:|---|---:|---:|---|---|',
    ...DEV_STEPS.map(([id, label, floor, cache, target]) => {
      const ms = runs.map((r) => r.dev[id].ms);
      const floors = runs.map((r) => floorOf(r, floor, 'generator'));
      const ratios = ms.map((m, i) => m / floors[i]);
      const rss = Math.max(...runs.map((r) => r.dev[id].rssMb));
      return `| ${label} | ${cache} | ${s(median(ms))} | ${spread(ms)} | ${floor} ${s(median(floors))} | ${median(ratios).toFixed(2)}× | ${rss.toFixed(0)} | ${metColumns(target, withTargets, ms, floors)} |`;
    }),
    '',
  ].join('\n');
}

/** A target and the runs that met it against their own floors, or dashes. */
function metColumns(target, withTargets, ms, floors) {
  if (!withTargets || !target) return '— | —';
  const met = ms.filter((m, i) => metTarget(target, m, floors[i])).length;
  return `${targetText(target)} | ${met}/${ms.length}${met === ms.length ? '' : ' ✗'}`;
}

function targetText({ ratio, ms, plusMs }) {
  const bound = plusMs ? `≤ ${s(plusMs)} s + ${ratio}× floor` : `≤ ${ratio}× floor`;
  return ms === undefined ? bound : `${bound}, ≤ ${s(ms)} s`;
}

function pipelineRow(step, shape, runs, withTargets) {
  const ms = runs.map((r) => stepOf(r, step, shape).ms);
  const floors = runs.map((r) => floorOf(r, step.floor, shape));
  const ratios = ms.map((m, i) => m / floors[i]);
  const rss = Math.max(...runs.map((r) => stepOf(r, step, shape).rssMb));
  return `| ${step.label} | ${step.shaped ? shape : '(generator)'} | ${s(median(ms))} | ${spread(ms)} | ${step.floor} ${s(median(floors))} | ${median(ratios).toFixed(2)}× | ${rss.toFixed(0)} | ${metColumns(step.target, withTargets, ms, floors)} |`;
}

/** Peak RSS over every pipeline step of each run; the target holds on PostgreSQL. */
function rssRow(runs, shapes, db, withTargets) {
  const peaks = runs.map((r) =>
    Math.max(
      ...PIPELINE_STEPS.flatMap((step) =>
        (step.shaped ? shapes : ['generator']).map((shape) => stepOf(r, step, shape).rssMb),
      ),
    ),
  );
  const met = peaks.filter((mb) => mb <= RSS_TARGET_MB).length;
  const target =
    withTargets && db === 'postgres'
      ? `≤ ${RSS_TARGET_MB} MB | ${met}/${runs.length}${met === runs.length ? '' : ' ✗'}`
      : '(stated) | —';
  return `| peak RSS of any step | all | | | | | ${Math.max(...peaks).toFixed(0)} | ${target} |`;
}

/** The pipeline's steps, CI-cold, per shape, with the targets at 100k. */
export function pipelineTable(size, db, runs, shapes) {
  const withTargets = size === TARGET_SIZE;
  return [
    `### Pipeline, CI-cold: ${size.toLocaleString('en')} resources on ${db} (${runs.length} runs)`,
    '',
    configLine(runs),
    '',
    loadLine(runs),
    '',
    'Each step a fresh process with no parse cache, against a store holding every tenant, started once `sync` has written out what the earlier steps left (as every floor is). "met" counts the runs whose time held the target against the floors of that same run.',
    '',
    '| step | shape | median s | min–max s | floor s (median) | ratio (median) | peak RSS MB | target | met |',
    '|---|---|---:|---:|---|---:|---:|---|---|',
    ...PIPELINE_STEPS.flatMap((step) =>
      (step.shaped ? shapes : ['generator']).map((shape) =>
        pipelineRow(step, shape, runs, withTargets),
      ),
    ),
    rssRow(runs, shapes, db, withTargets),
    '',
    floorsLine(runs, shapes),
    '',
    adoptionOnCopyLine(runs),
    '',
  ].join('\n');
}

/** The first adoption against COPY alone, its floor until Session 16 (pipeline.mjs). */
function adoptionOnCopyLine(runs) {
  const ratios = runs.map((r) => r.unshaped['apply-all'].ms / r.floors.copyMs);
  const x = (ratio) => `${ratio.toFixed(2)}×`;
  return `The first adoption against the COPY floor alone: median ${x(median(ratios))} (${x(Math.min(...ratios))}–${x(Math.max(...ratios))}).`;
}

/** The same plans CI-cold and with the cache the job on main left (generator's shape). */
export function keptCacheTable(size, db, runs) {
  return [
    `### What the kept cache saves a pipeline job: ${size.toLocaleString('en')} resources on ${db} (${runs.length} runs)`,
    '',
    "The parse cache restored as the job on main left it (main's configuration parsed once), against no cache. Generator's shape.",
    '',
    '| step | CI-cold median s (min–max) | cache kept median s (min–max) | saved (median) | peak RSS MB cold / kept |',
    '|---|---:|---:|---:|---:|',
    ...KEPT_CACHE_STEPS.map(({ id, label, cold }) => {
      const coldMs = runs.map((r) => r.shaped.generator[cold].ms);
      const keptMs = runs.map((r) => r.shaped.generator[id].ms);
      const rss = (ms) => Math.max(...runs.map((r) => r.shaped.generator[ms].rssMb)).toFixed(0);
      return `| ${label} | ${s(median(coldMs))} (${spread(coldMs)}) | ${s(median(keptMs))} (${spread(keptMs)}) | ${s(median(coldMs) - median(keptMs))} s | ${rss(cold)} / ${rss(id)} |`;
    }),
    '',
  ].join('\n');
}

/** Milliseconds per 1,000 resources of each step at each size (generator's shape): flat = linear. */
export function growthTable(sized) {
  if (sized.length < 2) return '';
  const perThousand = (size, runs, pick) => (median(runs.map(pick)) / (size / 1000)).toFixed(1);
  const rows = [
    ...DEV_STEPS.map(([id, label]) => [label, (r) => r.dev[id].ms]),
    ...PIPELINE_STEPS.map((step) => [
      `${step.label} (CI-cold)`,
      (r) => stepOf(r, step, 'generator').ms,
    ]),
  ];
  return [
    '### Growth: ms per 1,000 resources (flat = linear)',
    '',
    `| step | ${sized.map(({ size }) => size.toLocaleString('en')).join(' | ')} |`,
    `|---|${sized.map(() => '---:').join('|')}|`,
    ...rows.map(
      ([label, pick]) =>
        `| ${label} | ${sized.map(({ size, runs }) => perThousand(size, runs, pick)).join(' | ')} |`,
    ),
    '',
  ].join('\n');
}
