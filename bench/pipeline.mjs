// One run of the bench on one database and size: the developer's loop (a warm parse cache) and
// a GitOps pipeline's steps (#21), each CI-cold: a fresh process with no parse cache, as every
// CI job starts on a fresh clone, against a store that already holds every tenant.
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { ACTOR, changeOneFile, generateShaped } from './generate.mjs';
import { parseFloor, storeFloors } from './floors.mjs';
import { freshDatabase, runCli, settledLoad } from './measure.mjs';

/**
 * [id, label, floor, parse cache at the start, target at 100k]: the developer's loop on the
 * generator's shape. Floors: parse (js-yaml of the files), select (every stored row), copy (the
 * first apply's rows). The apply is the user's plan-then-apply: the cold plan filled the cache.
 */
export const DEV_STEPS = [
  ['plan-cold', 'cold plan vs empty store', 'parse', 'cold'],
  ['apply-after-plan', 'apply of all creates, after that plan', 'copy', 'warm', { ratio: 2 }],
  ['plan-noop', 'plan, nothing changed', 'parse+select', 'warm'],
  ['plan-1file', 're-plan after one file changed', 'parse+select', '1 file changed'],
];

/**
 * The pipeline's steps, every one CI-cold, with the targets at 100k (checked run by run
 * against that run's floors). `shaped`: measured on each shape of bench/shapes.mjs.
 */
export const PIPELINE_STEPS = [
  { id: 'validate', label: 'validate', floor: 'parse', shaped: true, target: { ratio: 1.5 } },
  {
    id: 'apply-all',
    label: 'apply of all creates, CI-cold (a first adoption)',
    // A CI-cold process parses the configuration before it can write a row: its floor is both.
    // Until Session 16 it was judged on COPY alone; the pipeline table still gives that ratio.
    floor: 'parse+copy',
    shaped: false,
    target: { ratio: 2 },
  },
  {
    id: 'plan-actor-noop',
    label: 'plan --actor, nothing changed',
    floor: 'parse+select',
    shaped: true,
    target: { ratio: 1.5, ms: 2500 },
  },
  {
    id: 'plan-actor-1pct',
    label: 'plan --actor --out, 1% changed',
    floor: 'parse+select',
    shaped: true,
    target: { ratio: 2 },
  },
  {
    id: 'apply-saved',
    label: 'apply of the saved plan (1%)',
    floor: 'copy1pct',
    shaped: true,
    target: { ratio: 2, plusMs: 1000 },
  },
  {
    id: 'apply-saved-unsigned',
    label: 'apply of the saved plan (1%), no CCAC_PLAN_KEY',
    floor: 'copy1pct',
    shaped: true,
  },
];

/**
 * What the kept cache saves (#21 item 3): the same plans with the parse cache that the job on
 * main left (its configuration parsed once), restored as the example pipelines restore it.
 * Measured on the generator's shape; no target.
 */
export const KEPT_CACHE_STEPS = [
  { id: 'plan-actor-noop-kept', label: 'plan --actor, nothing changed', cold: 'plan-actor-noop' },
  {
    id: 'plan-actor-1file-kept',
    label: 'plan --actor --out, one file changed (a pull request)',
    cold: 'plan-actor-1file',
  },
  { id: 'plan-actor-1pct-kept', label: 'plan --actor --out, 1% changed', cold: 'plan-actor-1pct' },
];

/** Peak RSS of every pipeline step, at most this on PostgreSQL (#21). */
export const RSS_TARGET_MB = 512;

/** A step's measurement in one run. */
export const stepOf = (run, step, shape) =>
  step.shaped ? run.shaped[shape][step.id] : run.unshaped[step.id];

/** A floor in one run: `shape`'s parse floor, the store's SELECT and COPY, or a sum of them. */
export function floorOf(run, floor, shape) {
  const { parse, selectMs, copyMs, rows } = run.floors;
  if (floor === 'parse') return parse[shape];
  if (floor === 'parse+select') return parse[shape] + selectMs;
  if (floor === 'copy') return copyMs;
  if (floor === 'parse+copy') return parse[shape] + copyMs;
  // COPY of the 1% of the rows a saved plan writes, scaled from the full COPY.
  return copyMs * (run.generated.changed / rows);
}

/** Whether a step met its target in one run, against that run's own floor. */
export function metTarget({ ratio, ms: most = Infinity, plusMs = 0 }, ms, floorMs) {
  return ms <= plusMs + ratio * floorMs && ms <= most;
}

/**
 * One run: the generator's configuration applied to a fresh store (all creates), the developer's
 * warm steps, then for each shape: validate, a plan with nothing changed, a plan saved after 1%
 * changed and its apply in a fresh process. The store alternates between the configuration before
 * and after the 1% change, and each shape is written on the side the store is on before its
 * plan with nothing changed. The floors are taken in the same run.
 */
export async function oneRun({ size, db, settings, run, root, shapes }) {
  const data = path.join(root, 'bench/.data');
  const dir = path.join(data, `config-${size}`);
  const planFile = path.join(data, 'plan.json');
  const cache = { cacheDir: path.join(data, 'cache') };
  const cold = { ...cache, cold: true };
  const mainCache = path.join(data, 'main-cache');
  /** The cache as the job on main left it, restored. */
  const kept = async () => {
    await rm(cache.cacheDir, { recursive: true, force: true });
    await cp(mainCache, cache.cacheDir, { recursive: true });
    return cache;
  };
  const load = await settledLoad(settings.settleSeconds);
  const generated = await generateShaped(dir, size, { shape: 'generator', moved: false });
  const database = await freshDatabase(db, settings, `${size}_${run}`);
  const withDb = (...args) => [...args, '--db', database.url];
  const actor = ['--actor', ACTOR];
  const dev = {};
  const unshaped = {};
  const shaped = {};
  const parse = {};
  try {
    dev['plan-cold'] = await runCli(withDb('plan', dir, '--detailed-exitcode'), [2], cold);
    dev['apply-after-plan'] = await applyAfterPlan(
      db,
      settings,
      dir,
      [...actor, '--auto-approve'],
      {
        ...cache,
        label: `${size}_${run}_dev`,
      },
    );
    // A pipeline's first adoption: the same apply CI-cold, into the store the rest is measured on.
    unshaped['apply-all'] = await runCli(
      withDb('apply', dir, ...actor, '--auto-approve'),
      [0],
      cold,
    );
    // The developer's loop: the apply filled the cache.
    dev['plan-noop'] = await runCli(withDb('plan', dir, '--detailed-exitcode'), [0], cache);
    await changeOneFile(dir);
    dev['plan-1file'] = await runCli(withDb('plan', dir, '--detailed-exitcode'), [2], cache);
    let moved = false;
    for (const shape of shapes) {
      await generateShaped(dir, size, { shape, moved });
      const steps = (shaped[shape] = {});
      steps['validate'] = await runCli(['validate', dir], [0], cold);
      steps['plan-actor-noop'] = await runCli(
        withDb('plan', dir, ...actor, '--detailed-exitcode'),
        [0],
        cold,
      );
      parse[shape] = await parseFloor(dir);
      const keptCache = shape === 'generator';
      if (keptCache) {
        // What the job on main leaves: its configuration parsed once (it equals the store's).
        await rm(mainCache, { recursive: true, force: true });
        await runCli(['validate', dir], [0], cold);
        await cp(cache.cacheDir, mainCache, { recursive: true });
        steps['plan-actor-noop-kept'] = await runCli(
          withDb('plan', dir, ...actor, '--detailed-exitcode'),
          [0],
          await kept(),
        );
        // A pull request's job: one file of one tenant changed, its plan saved.
        await changeOneFile(dir);
        const pullRequest = (cacheAt) =>
          runCli(
            withDb('plan', dir, ...actor, '--out', planFile, '--detailed-exitcode'),
            [2],
            cacheAt,
          );
        steps['plan-actor-1file'] = await pullRequest(cold);
        steps['plan-actor-1file-kept'] = await pullRequest(await kept());
      }
      moved = !moved;
      await generateShaped(dir, size, { shape, moved });
      steps['plan-actor-1pct'] = await runCli(
        withDb('plan', dir, ...actor, '--out', planFile, '--detailed-exitcode'),
        [2],
        cold,
      );
      if (keptCache)
        steps['plan-actor-1pct-kept'] = await runCli(
          withDb('plan', dir, ...actor, '--out', `${planFile}.kept`, '--detailed-exitcode'),
          [2],
          await kept(),
        );
      steps['apply-saved-unsigned'] = await unsignedApply(db, settings, database, planFile, {
        actor,
        cold,
      });
      // Signed by the plan above, verified here: run.mjs sets CCAC_PLAN_KEY, as pipelines do.
      steps['apply-saved'] = await runCli(withDb('apply', planFile, ...actor), [0], cold);
    }
    const floors = await storeFloors(db, database);
    return { load, generated, dev, unshaped, shaped, floors: { parse, ...floors } };
  } finally {
    await database.drop();
  }
}

/**
 * The developer's apply of every create right after their `plan` (whose parse cache it reads),
 * into an empty store of its own: the run's store is filled by the CI-cold apply.
 */
async function applyAfterPlan(db, settings, dir, options, { label, ...cache }) {
  const store = await freshDatabase(db, settings, label);
  try {
    return await runCli(['apply', dir, ...options, '--db', store.url], [0], cache);
  } finally {
    await store.drop();
  }
}

/**
 * The same saved plan applied without CCAC_PLAN_KEY, as by a pipeline without the secret (its
 * changes re-checked in full), on a copy of the store: a plan is applied at most once per store.
 */
async function unsignedApply(db, settings, database, planFile, { actor, cold }) {
  const copy = await freshDatabase(db, settings, 'copy', database);
  try {
    return await runCli(['apply', planFile, ...actor, '--db', copy.url], [0], {
      ...cold,
      env: { CCAC_PLAN_KEY: undefined },
    });
  } finally {
    await copy.drop();
  }
}
