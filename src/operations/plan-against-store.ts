import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { GLOBAL_SCOPE, scopeOfAddress } from '../model/address.js';
import { Model } from '../model/model.js';
import { assetsNeeded, type CheckedConfig } from '../config/check-config.js';
import { summaryScopes, type ConfigSummary } from '../workspace/config-summary.js';
import {
  baseRevisions,
  organizationsTouched,
  planConfiguration,
  type PlanOutcome,
} from '../plan/plan-configuration.js';
import { declaredScopes, planScopes, scopesToRead } from '../plan/plan-scopes.js';
import {
  modelScopes,
  unchangedScopes,
  withUnchangedScopes,
  type DesiredScopes,
} from '../workspace/unchanged-scopes.js';
import { tamperedReads } from '../audit/tampered-reads.js';
import { authorizationReads } from '../authz/authorization-reads.js';
import { assemblePlan } from '../plan/make-plan.js';
import { withDiagnostics } from '../plan/with-diagnostics.js';
import type { Plan } from '../model/plan.js';
import { unknownTenants } from '../model/unknown-tenants.js';
import type { StateReader } from '../store/state-store.js';
import type { OrganizationReference, ScopeSummary, StoredState } from '../model/stored-state.js';
import { configDigestSteps } from '../plan/digests.js';
import { debug } from '../support/debug.js';
import { inTurns, nextTurn } from '../support/in-turns.js';
import type { CommitLookup } from '../sources/git.js';
import { startedEarly } from '../support/started-early.js';
import type { Workspace } from '../workspace/open-workspace.js';
import { tenantsHeldByStore, withActorRows } from './held-by-store.js';

/** Scope summaries asked for early (prefetchSummaries), while the configuration loads. */
export type Summaries = Promise<ReadonlyMap<string, ScopeSummary>>;

/**
 * `--tenant` names that are neither declared by the configuration nor stored: what plan and apply
 * refuse before any work. The store is asked only when a name is given.
 */
export async function undeclaredAndUnstored(
  named: readonly string[],
  declared: Iterable<string>,
  reader: Pick<StateReader, 'listScopes'>,
): Promise<Diagnostic[]> {
  if (named.length === 0) return [];
  const known = [...declared, ...(await reader.listScopes())];
  return unknownTenants(named, known, 'declared or stored');
}

/**
 * Starts reading the scope summaries a plan will need, so the database works while the files are
 * read: the named tenants' (and organizations'), or every stored scope's when none is named.
 */
export function prefetchSummaries(reader: StateReader, tenants: readonly string[]): Summaries {
  const scopes = tenants.length > 0 ? scopesToRead(new Set(tenants)) : undefined;
  return startedEarly(reader.scopeSummaries(scopes), 'scope summaries read');
}

/**
 * The plan of a configuration the store holds exactly, everywhere the plan covers, told from the
 * summaries of both sides: no model is built and no row is read. It is the plan planAgainstStore
 * makes then (no changes, the configuration's diagnostics) when no actor is checked. Undefined
 * when a scope differs or the configuration has errors: plan it in full.
 */
export async function unchangedPlan(
  config: ConfigSummary,
  summaries: Summaries,
  tenants: readonly string[],
): Promise<Plan | undefined> {
  if (hasErrors(config.diagnostics)) return undefined;
  const scopes = declaredScopes(config, tenants);
  const toRead = scopesToRead(scopes);
  const unchanged = unchangedScopes(toRead, await summaries, summaryScopes(config));
  if (unchanged.size < toRead.length) return undefined;
  const revisions = new Map([...unchanged].map(([scope, { revision }]) => [scope, revision]));
  debug(`read the rows of 0 of ${toRead.length} scopes`);
  return assemblePlan({
    scopes: baseRevisions(revisions, scopes),
    changes: [],
    diagnostics: config.diagnostics,
  });
}

interface PlanOptions {
  tenants: readonly string[];
  /**
   * The plan is to be saved, with the commit of its configuration (looked up since the command
   * started): what the saved plan records of it is made while the store reads the rows (SealInputs).
   */
  commitToSeal?: CommitLookup;
  actor: string | undefined;
  requireActor: boolean;
  /** Apply: whether `--destroy` was given (PlanRequest.destroy). */
  destroy?: boolean;
  summaries?: Summaries;
  /** Each scope's size and digest in the configuration, when known already (ConfigSummary). */
  desired?: DesiredScopes;
  /** The planned scopes, when the model holds only some tenants (planDesired). */
  scopes?: Set<string>;
  /** Planned tenants the model leaves out, as the store holds them (planDesired). */
  held?: HeldByStore;
}

export type Planned = PlanOutcome & {
  scopes: Set<string>;
  stored: StoredState;
  checked: CheckedConfig;
  /** When the plan is to be saved (`commitToSeal`) and has no configuration errors. */
  seal?: SealInputs;
};

/** What a saved plan records of its configuration besides the plan (saved-plan/saved-plan.ts). */
export interface SealInputs {
  configDigest: Promise<string>;
  gitCommit: Promise<string | null>;
}

/**
 * Tenants the store holds exactly as the files declare them (their summaries vouch for it), whose
 * files a plan did not load: what a saved plan records of them comes from the store and the kept
 * check instead (sealInputs).
 */
export interface HeldByStore {
  scopes: ReadonlySet<string>;
  /** The whole configuration's flow definition files (Workspace.definitionFiles). */
  definitionFiles: readonly string[];
}

/** HeldByStore with the reader that answers for those tenants. */
type HeldIn = HeldByStore & { reader: Pick<StateReader, 'addressHashes'> };

/**
 * The configuration's digest and git commit, started now: the digest is made in turns, so it
 * fills the time spent waiting on the database (100,000 lines sorted and hashed), and git's last
 * question (the flow definition files', if any) runs in its own process meanwhile. The resources
 * of `held` tenants are the store's addresses and hashes, the same as the files declare there.
 */
export function sealInputs(
  checked: CheckedConfig,
  scopes: ReadonlySet<string>,
  commitOf: CommitLookup,
  held?: HeldIn,
): SealInputs {
  const definitionFiles = held ? held.definitionFiles : assetsNeeded(checked.declared);
  return {
    configDigest: startedEarly(configDigestOf(checked.desired, scopes, held)),
    gitCommit: startedEarly(commitOf(definitionFiles)),
  };
}

async function configDigestOf(
  desired: Model,
  scopes: ReadonlySet<string>,
  held: HeldIn | undefined,
): Promise<string> {
  const stored = held && {
    scopes: held.scopes,
    resources: await held.reader.addressHashes([...held.scopes]),
  };
  return inTurns(configDigestSteps(desired, scopes, stored));
}

/**
 * Plans a configuration against the store with the model of the scopes that differ from it: the
 * others are as stored, so they plan no change. The organizations must be as stored (a change to
 * them reaches every tenant that references them). In the tenants the model leaves out, an actor
 * is checked with the rows their authorization reads (withActorRows), and a saved plan records
 * the store's addresses and hashes and the kept check's definition files (sealInputs). Otherwise,
 * and when an apply requires an actor, the whole model is used.
 */
export async function planDesired(
  reader: StateReader,
  config: Workspace,
  options: PlanOptions & { summaries: Summaries },
): Promise<Planned> {
  const desired = summaryScopes(config.summary);
  if (!options.requireActor) {
    const scopes = declaredScopes(config.summary, options.tenants);
    const toRead = scopesToRead(scopes);
    const unchanged = unchangedScopes(toRead, await options.summaries, desired);
    const differing = new Set(toRead.filter((scope) => !unchanged.has(scope)));
    if (!differing.has(GLOBAL_SCOPE)) {
      const model = await config.model(differing);
      const outside = tenantsHeldByStore(model.desired, unchanged.keys());
      const { definitionFiles } = config;
      // A saved plan records the git commit of every flow definition file: the kept check knows them.
      if (!options.commitToSeal || outside.size === 0 || definitionFiles) {
        if (outside.size > 0) debug(`${outside.size} unchanged tenants taken from the store`);
        const checked = await withActorRows(reader, model, options.actor, outside);
        const held = outside.size > 0 && definitionFiles && { scopes: outside, definitionFiles };
        return planAgainstStore(reader, checked, {
          ...options,
          desired,
          scopes,
          ...(held && { held }),
        });
      }
    }
  }
  return planAgainstStore(reader, await config.model(), { ...options, desired });
}

/** Reads what a plan needs from the store and plans; config errors stop before the store is read. */
export async function planAgainstStore(
  reader: StateReader,
  checked: CheckedConfig,
  options: PlanOptions,
): Promise<Planned> {
  const scopes = options.scopes ?? planScopes(checked.desired, options.tenants);
  if (hasErrors(checked.diagnostics)) return unplanned(checked, scopes);
  const { commitToSeal } = options;
  const held = options.held && { ...options.held, reader };
  const sealed = () => commitToSeal && sealInputs(checked, scopes, commitToSeal, held);
  // The digest is made in turns while the database reads the rows; of tenants the store holds it
  // reads their addresses and hashes, asked after the plan's own reads (a connection answers in
  // order, and PGlite's took ≈ 0.25 s at 100k).
  const early = held ? undefined : sealed();
  const desired = options.desired ?? modelScopes(checked.desired);
  let stored = await readStoredState(
    reader,
    checked.desired,
    scopesToRead(scopes),
    desired,
    options.summaries,
  );
  const touched = organizationsTouched(checked.desired, stored.model, scopes);
  const organizationReferences =
    touched.length > 0 ? await reader.organizationReferences(touched) : [];
  // Who may change or name an organization, and the rules an organization change must pass,
  // depend on the tenants that reference it, planned or not.
  const referencing = referencingScopes(organizationReferences, stored);
  if (referencing.length > 0)
    stored = await readStoredState(
      reader,
      checked.desired,
      [...scopesToRead(scopes), ...referencing],
      desired,
    );
  // What authorization read about the actor must be what the history recorded. It depends on the
  // state read alone: asked for before the plan is made, the database answers meanwhile.
  const reads = authorizationReads({
    actor: options.actor,
    stored: stored.model,
    scopes,
    organizationReferences,
  });
  const tampered = startedEarly(tamperedReads(reader, stored.model, reads));
  const seal = early ?? sealed();
  if (reads.length > 0) await nextTurn();
  const outcome = planOn(checked, stored, scopes, organizationReferences, options);
  const plan = withDiagnostics(outcome.plan, await tampered);
  // The stored state too: drift is checked against it, and markdown draws both sides.
  return { ...outcome, plan, scopes, stored, checked, ...(seal ? { seal } : {}) };
}

/**
 * A plan with nothing stored yet (an embedded database not created: store/open-store.ts
 * NO_STORE_YET): every resource declared in the planned scopes is created. No row is read, so
 * none can have drifted or be distrusted, and no organization is referenced by a stored tenant.
 */
export function planAgainstNothing(
  checked: CheckedConfig,
  options: Pick<PlanOptions, 'tenants' | 'actor'>,
): Planned {
  const scopes = planScopes(checked.desired, options.tenants);
  if (hasErrors(checked.diagnostics)) return unplanned(checked, scopes);
  const stored = nothingStored();
  const outcome = planOn(checked, stored, scopes, [], { ...options, requireActor: false });
  return { ...outcome, scopes, stored, checked };
}

/** The state of a store that holds nothing (or was not read): every scope at revision 0. */
function nothingStored(): StoredState {
  return { model: new Model(), revisions: new Map() };
}

/** A configuration with errors is not planned: its diagnostics, and no scope compared. */
function unplanned(checked: CheckedConfig, scopes: Set<string>): Planned {
  const plan = assemblePlan({ scopes: {}, changes: [], diagnostics: checked.diagnostics });
  return {
    plan,
    rolesByScope: new Map(),
    views: undefined,
    scopes,
    stored: nothingStored(),
    checked,
  };
}

/** The configuration planned against `stored` (plan/plan-configuration.ts). */
function planOn(
  checked: CheckedConfig,
  stored: StoredState,
  scopes: Set<string>,
  organizationReferences: readonly OrganizationReference[],
  options: Pick<PlanOptions, 'actor' | 'requireActor' | 'destroy'>,
): PlanOutcome {
  return planConfiguration({
    desired: checked.desired,
    declared: checked.declared,
    configDiagnostics: checked.diagnostics,
    stored,
    scopes,
    actor: options.actor,
    requireActor: options.requireActor,
    destroy: options.destroy ?? false,
    organizationReferences,
  });
}

/**
 * The stored state of `scopes`, reading rows only where the configuration differs: a scope whose
 * summary vouches it holds what is declared is taken from the configuration (unchangedScopes).
 */
async function readStoredState(
  reader: StateReader,
  model: Model,
  scopes: readonly string[],
  desired: DesiredScopes,
  prefetched?: Summaries,
): Promise<StoredState> {
  const summaries = (await prefetched) ?? (await reader.scopeSummaries(scopes));
  const unchanged = unchangedScopes(scopes, summaries, desired);
  const read = await reader.readState(
    scopes.filter((scope) => !unchanged.has(scope)),
    model,
  );
  debug(`read the rows of ${scopes.length - unchanged.size} of ${scopes.length} scopes`);
  return withUnchangedScopes(read, model, unchanged);
}

function referencingScopes(
  references: readonly OrganizationReference[],
  stored: StoredState,
): string[] {
  const scopes = references.map(({ address }) => scopeOfAddress(address));
  return [...new Set(scopes)].filter((scope) => !stored.model.get('Tenant', scope)).sort();
}
