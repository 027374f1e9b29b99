import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addressOf } from '../model/address.js';
import { completed } from '../model/canonical-text.js';
import { recordPlan } from './apply-plan.js';
import type { CheckedConfig } from '../config/check-config.js';
import { applyDigestSteps } from '../plan/digests.js';
import { NO_KNOWN_HASHES } from '../plan/planned-value.js';
import { organizationsTouched, planConfiguration } from '../plan/plan-configuration.js';
import { scopesToRead } from '../plan/plan-scopes.js';
import type { Plan } from '../model/plan.js';
import type { RevisionRecord } from '../model/revision.js';
import type { StateReader, StateStore, StateTransaction } from '../store/state-store.js';
import type { AddressRefs } from '../store/webex-records.js';
import type { RemoteRef } from '../webex/remote-refs.js';

/** What the revision of an adopting import says of itself, after the actor's role. */
export const ADOPTED_MARKER = 'imported from Webex';

export interface AdoptRequest {
  tenant: string;
  actor: string;
  /** The imported files as a plan of them reads them (importWebex's `checked`). */
  checked: CheckedConfig;
  /** The Webex objects each imported address was read from (ImportedState.refs). */
  refs: ReadonlyMap<string, readonly RemoteRef[]>;
  /** How long to wait for an apply holding the tenant's lock. */
  lockTimeoutMs: number;
}

export type AdoptOutcome =
  { diagnostics: Diagnostic[] } | { revision: RevisionRecord; refs: number };

/**
 * `import webex --adopt`: the imported files recorded as the tenant's first revision, the way
 * apply records a new tenant — their plan against the store (empty for the tenant), with the
 * bootstrap rights of SPEC §3 checked by apply's authorization, written by apply's writePlan —
 * and the remote refs of every resource with it, in one transaction under the tenant's lock.
 * Refused, with nothing written, when the tenant is stored already or the plan has an error.
 */
export async function adoptImport(store: StateStore, request: AdoptRequest): Promise<AdoptOutcome> {
  const { tenant } = request;
  return store.withLockedScopes<AdoptOutcome>(
    [tenant],
    { lockTimeoutMs: request.lockTimeoutMs },
    async (tx) => {
      const stored = await tenantStored(tx, tenant);
      if (stored) return { commit: false, value: { diagnostics: [stored] } };
      const plan = await planAdoption(tx, request);
      const errors = plan.plan.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) return { commit: false, value: { diagnostics: errors } };
      const revision = await recordAdoption(tx, request, plan);
      const refs = adoptedRefs(request);
      await tx.recordRemoteRefs(tenant, refs);
      return { commit: true, value: { revision, refs: refs.length } };
    },
  );
}

/**
 * Why the tenant cannot be adopted: it has a revision or rows in the store already. An import
 * would write over what ccac recorded; `ccac drift --live` and a re-import diff compare instead.
 */
export async function tenantStored(
  reader: StateReader,
  tenant: string,
): Promise<Diagnostic | undefined> {
  const summary = (await reader.scopeSummaries([tenant])).get(tenant);
  if (summary === undefined || (summary.revision === 0 && summary.rows === 0)) return undefined;
  return error(
    'USAGE',
    `tenant ${tenant} is in the store already (revision ${summary.revision}): --adopt records a tenant's first revision only; compare the stored tenant with Webex with \`ccac drift --live\`, or import without --adopt to a scratch folder and \`ccac diff\``,
    { address: addressOf('Tenant', tenant, null) },
  );
}

type Adoption = ReturnType<typeof planConfiguration>;

/** The imported tenant planned against the store as apply plans it, the actor required. */
async function planAdoption(tx: StateTransaction, request: AdoptRequest): Promise<Adoption> {
  const { desired, declared, diagnostics } = request.checked;
  const scopes = new Set([request.tenant]);
  const stored = await tx.readState(scopesToRead(scopes));
  const touched = organizationsTouched(desired, stored.model, scopes);
  return planConfiguration({
    desired,
    declared,
    configDiagnostics: diagnostics,
    stored,
    scopes,
    actor: request.actor,
    requireActor: true,
    organizationReferences: touched.length > 0 ? await tx.organizationReferences(touched) : [],
  });
}

/** The plan written as apply writes it; the role recorded says the revision is an import. */
async function recordAdoption(
  tx: StateTransaction,
  request: AdoptRequest,
  { plan, rolesByScope }: Adoption,
): Promise<RevisionRecord> {
  const { tenant } = request;
  const role = `${rolesByScope.get(tenant) ?? 'unknown'}; ${ADOPTED_MARKER}`;
  const [revision] = await recordPlan(
    tx,
    plan,
    {
      actor: request.actor,
      rolesByScope: new Map([[tenant, role]]),
      // The files were just written: no commit of the checkout holds them yet.
      gitCommit: null,
      digests: digestsOf(plan, request),
    },
    request.checked.desired,
  );
  if (revision === undefined) throw new Error(`the adoption of ${tenant} recorded no revision`);
  return revision;
}

function digestsOf(plan: Plan, request: AdoptRequest) {
  return completed(
    applyDigestSteps(plan, request.checked.desired, new Set([request.tenant]), NO_KNOWN_HASHES),
  );
}

/** The refs of the addresses the revision holds, as the store records them. */
function adoptedRefs(request: AdoptRequest): AddressRefs[] {
  const { byAddress } = request.checked.desired;
  return [...request.refs]
    .filter(([address, refs]) => byAddress.has(address) && refs.length > 0)
    .map(([address, refs]) => ({ address, refs }));
}
