import { markDrift } from '../audit/drift.js';
import { seesEverything, visiblePlan } from '../authz/index.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { planRoutingMermaid } from '../graph/plan-graph.js';
import type { Plan } from '../model/plan.js';
import { knownHashes } from '../plan/planned-value.js';
import { scopesReadAt, sealPlan, type SavedPlan } from '../saved-plan/saved-plan.js';
import { NO_STORE_YET } from '../store/open-store.js';
import type { StateReader } from '../store/state-store.js';
import { startedEarly } from '../support/started-early.js';
import { openWorkspace, type Workspace } from '../workspace/open-workspace.js';
import {
  planAgainstNothing,
  planDesired,
  prefetchSummaries,
  sealInputs,
  undeclaredAndUnstored,
  unchangedPlan,
  type Planned,
} from './plan-against-store.js';
import { configurationCommit, type CommitLookup } from '../sources/git.js';

/** What `ccac plan` is asked: plain values, as the options gave them. */
export interface PlanRequest {
  paths: readonly string[];
  tenants: readonly string[];
  actor: string | undefined;
  /** The routing picture of the changes is drawn (markdown): of the tenants they are in. */
  drawGraph: boolean;
  /** The plan is to be saved for a later apply: sealed (and signed with the key, when given). */
  save?: { signingKey: string | undefined };
}

/** What the plan found, for the command to show and save. */
export interface PlanResult {
  /** The whole plan: its diagnostics and changes decide the exit code. */
  plan: Plan;
  /** What the actor may see of it (authz/visibility.ts): what is shown. */
  shown: Plan;
  /** The routing picture (markdown), when asked for and the actor sees everything. */
  graph?: string;
  /** The plan sealed for `ccac apply FILE`, when asked for and it has no errors. */
  saved?: SavedPlan;
}

/** A `--tenant` that names no declared or stored tenant: nothing was planned. */
export interface PlanRefused {
  refused: Diagnostic[];
}

/**
 * The configuration, read and checked from now on: started before the store opens, its second
 * thread parses while an embedded database starts on this one (parse-in-thread.ts).
 */
export function readWorkspace(paths: readonly string[]): Promise<Workspace> {
  return startedEarly(openWorkspace(paths), 'configuration checked');
}

/**
 * `ccac plan`: the configuration against the store (`configuration`: readWorkspace's, when the
 * command started it before opening the store). The routes, in the order they are tried:
 * 1. no store yet (NO_STORE_YET): every declared resource is created (planAgainstNothing); there
 *    is no row to read, compare or distrust;
 * 2. the scope summaries are asked for at once, so the database works while the files are read;
 * 3. the workspace answers from its last check, or checks again only the tenants whose files
 *    changed, or checks everything (workspace/open-workspace.ts);
 * 4. a plain review with no actor and every scope as stored is answered from the summaries alone
 *    (unchangedPlan): no model is built and no row read;
 * 5. otherwise the scopes that differ are planned with their rows (planDesired), and drift is
 *    marked; in the others an actor is checked with the rows authorization reads there, and a
 *    saved plan records the store's addresses and hashes (they are the files').
 */
export async function plan(
  store: StateReader | typeof NO_STORE_YET,
  request: PlanRequest,
  configuration: Promise<Workspace> = readWorkspace(request.paths),
): Promise<PlanResult | PlanRefused> {
  const commitOf = request.save ? configurationCommit(request.paths) : undefined;
  if (store === NO_STORE_YET) {
    const workspace = await configuration;
    const refused = await undeclaredAndUnstored(request.tenants, workspace.summary.tenants, EMPTY);
    if (refused.length > 0) return { refused };
    return presented(
      planAgainstNothing(await workspace.model(), request),
      request,
      EMPTY,
      commitOf,
    );
  }
  const summaries = prefetchSummaries(store, request.tenants);
  const workspace = await configuration;
  const refused = await undeclaredAndUnstored(request.tenants, workspace.summary.tenants, store);
  if (refused.length > 0) return { refused };
  const review = !request.save && !request.drawGraph;
  if (review && request.actor === undefined) {
    const quick = await unchangedPlan(workspace.summary, summaries, request.tenants);
    if (quick) return { plan: quick, shown: quick };
  }
  const planned = await planDesired(store, workspace, {
    tenants: request.tenants,
    actor: request.actor,
    requireActor: false,
    summaries,
    ...(commitOf && { commitToSeal: commitOf }),
  });
  // Resources changed outside ccac: the plan overwrites them, so the reviewer is told.
  const plan = await markDrift(planned.plan, store, planned.stored);
  return presented({ ...planned, plan }, request, store, commitOf);
}

/** What a store nothing has created answers: no scope, no revision. */
const EMPTY: Pick<StateReader, 'listScopes' | 'revisionHashes'> = {
  listScopes: async () => [],
  revisionHashes: async () => new Map(),
};

/** The plan as the actor may see it, drawn and sealed when asked for. */
async function presented(
  planned: Planned,
  request: PlanRequest,
  store: Pick<StateReader, 'revisionHashes'>,
  commitOf: CommitLookup | undefined,
): Promise<PlanResult> {
  const { plan: whole, scopes, stored, checked, views } = planned;
  const save = request.save && !hasErrors(whole.diagnostics) ? request.save : undefined;
  // The history planned on, asked for at once: a signed plan's apply checks it (check-signed-plan.ts).
  const baseHashes =
    save && startedEarly(store.revisionHashes(scopesReadAt(whole, stored.revisions)));
  // The actor sees no more than their roles show (authz/visibility.ts).
  const shown = visiblePlan(whole, views);
  const graph =
    request.drawGraph && seesEverything(views)
      ? planRoutingMermaid(shown.changes, checked.desired, stored.model)
      : undefined;
  if (!save || !baseHashes || !commitOf) return { plan: whole, shown, graph };
  const seal = planned.seal ?? sealInputs(checked, scopes, commitOf);
  const saved = sealPlan(
    whole,
    {
      configDigest: await seal.configDigest,
      gitCommit: await seal.gitCommit,
      baseHashes: Object.fromEntries(await baseHashes),
    },
    save.signingKey,
    knownHashes(checked.desired, stored.model),
  );
  return { plan: whole, shown, graph, saved };
}
