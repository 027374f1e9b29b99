import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { GLOBAL_SCOPE, scopeOf, scopeOfAddress } from '../model/address.js';
import type { DeclaredResource } from '../model/resource.js';
import { CONFIG_RULES, TENANT_RULES } from '../rules/registry.js';
import type { CheckedConfig } from '../config/check-config.js';
import { scopeFacts, summarizeConfig, type ConfigSummary } from './config-summary.js';

/** What a check knew of one configuration file. */
export interface FileFacts {
  digest: string;
  /** The scopes of the resources it declares. */
  scopes: string[];
  /** Whether it declares entry points, whose support numbers are compared across tenants. */
  entryPoints: boolean;
}

/**
 * A check kept for the next run in the same place: its summary, and what each file declared where,
 * so a change to a few files is checked again for the tenants they touch only.
 */
export interface CheckRecord {
  summary: ConfigSummary;
  /** By the file's path as shown in diagnostics. */
  files: Record<string, FileFacts>;
  /** Files read besides the configuration's own (flow definitions): a change to one is a miss. */
  assets: string[];
}

/** The record of a full check of `files` (path → digest). */
export function recordCheck(
  checked: CheckedConfig,
  files: ReadonlyMap<string, string>,
  assets: readonly string[],
): CheckRecord {
  return {
    summary: summarizeConfig(checked),
    files: fileFacts(checked.declared, files),
    assets: [...assets],
  };
}

function fileFacts(
  declared: readonly DeclaredResource[],
  files: ReadonlyMap<string, string>,
): Record<string, FileFacts> {
  const out: Record<string, FileFacts> = {};
  const scopes = new Map<string, Set<string>>();
  for (const [file, digest] of files) {
    out[file] = { digest, scopes: [], entryPoints: false };
    scopes.set(file, new Set());
  }
  for (const resource of declared) {
    const file = resource.origin.file;
    scopes.get(file)?.add(scopeOf(resource.kind, resource.name, resource.tenant));
    if (resource.kind === 'EntryPoint' && out[file]) out[file].entryPoints = true;
  }
  for (const [file, set] of scopes) out[file]!.scopes = [...set].sort();
  return out;
}

/** Paths of the files added, removed or edited since the record. */
export function filesChanged(record: CheckRecord, files: ReadonlyMap<string, string>): string[] {
  const changed = new Set<string>();
  for (const [file, digest] of files) if (record.files[file]?.digest !== digest) changed.add(file);
  for (const file of Object.keys(record.files)) if (!files.has(file)) changed.add(file);
  return [...changed].sort();
}

/**
 * The tenants whose findings a change of files can move: those the files declared resources in,
 * before or now (`declaredNow`: what the changed files declare now). Undefined when the change
 * reaches past single tenants — organizations, or entry points (their support numbers are
 * compared across tenants) — or when a kept finding names no resource: then check everything.
 */
export function scopesToRecheck(
  record: CheckRecord,
  changed: readonly string[],
  declaredNow: readonly DeclaredResource[],
): Set<string> | undefined {
  if (record.summary.diagnostics.some((d) => d.address === undefined)) return undefined;
  const scopes = new Set<string>();
  for (const file of changed) {
    const before = record.files[file];
    if (before?.entryPoints) return undefined;
    for (const scope of before?.scopes ?? []) scopes.add(scope);
  }
  for (const resource of declaredNow) {
    if (resource.kind === 'EntryPoint') return undefined;
    scopes.add(scopeOf(resource.kind, resource.name, resource.tenant));
  }
  return scopes.has(GLOBAL_SCOPE) ? undefined : scopes;
}

/** Up to this many tenants, a recheck is made however many of them a change touches. */
const FEW_TENANTS = 4;

/**
 * Whether a change touching `scopes` is better checked in full: when it reaches most of the
 * record's tenants (a pipeline's change to every tenant's users). A recheck loads and checks
 * nearly everything then, and a plan that needs the whole model loads it all again; a full check
 * loads each file once. With a handful of tenants either costs little, and the recheck is kept.
 */
export function recheckTooWide(record: CheckRecord, scopes: ReadonlySet<string>): boolean {
  const tenants = record.summary.tenants.length;
  return tenants > FEW_TENANTS && scopes.size * 2 > tenants;
}

/** Files a recheck of `scopes` must load: every file declaring in them or in organizations. */
export function filesToLoad(record: CheckRecord, scopes: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const [file, facts] of Object.entries(record.files))
    if (facts.scopes.some((scope) => scope === GLOBAL_SCOPE || scopes.has(scope))) out.add(file);
  return out;
}

/** The declarations a recheck of `scopes` checks: theirs and the organizations. */
export function inRecheck(
  declared: readonly DeclaredResource[],
  scopes: ReadonlySet<string>,
): DeclaredResource[] {
  return declared.filter((r) => {
    const scope = scopeOf(r.kind, r.name, r.tenant);
    return scope === GLOBAL_SCOPE || scopes.has(scope);
  });
}

/** The rules a recheck runs: a tenant's findings depend on that tenant and the organizations. */
export const RECHECK_RULES = TENANT_RULES;

const CONFIGURATION_WIDE = new Set(
  CONFIG_RULES.filter((rule) => !RECHECK_RULES.includes(rule)).map((rule) => rule.code),
);

/**
 * The record once `scopes` are checked again: `partial` is the check, with RECHECK_RULES, of their
 * resources and the organizations (which did not change). Their findings, digests and sizes are
 * replaced; every other finding is kept, as are those of configuration-wide rules (their inputs,
 * entry points, did not change).
 */
export function recheckedRecord(
  record: CheckRecord,
  scopes: ReadonlySet<string>,
  partial: CheckedConfig,
  files: ReadonlyMap<string, string>,
  changed: readonly string[],
  assets: readonly string[],
): CheckRecord {
  const rechecked = (address: string | undefined) =>
    address !== undefined && scopes.has(scopeOfAddress(address));
  const kept = record.summary.diagnostics.filter(
    (d) => !rechecked(d.address) || CONFIGURATION_WIDE.has(d.code),
  );
  const fresh = partial.diagnostics.filter((d) => rechecked(d.address));
  const { digests, counts } = scopeFacts(partial.desired, [...scopes]);
  const summary: ConfigSummary = {
    diagnostics: sortDiagnostics([...kept, ...fresh]),
    resources: 0,
    tenants: [
      ...record.summary.tenants.filter((t) => !scopes.has(t)),
      ...partial.desired
        .tenants()
        .map((t) => t.name)
        .filter((t) => scopes.has(t)),
    ],
    organizations: record.summary.organizations,
    digests: { ...without(record.summary.digests, scopes), ...digests },
    counts: { ...without(record.summary.counts, scopes), ...counts },
  };
  summary.resources = Object.values(summary.counts).reduce((sum, n) => sum + n, 0);
  const changedFacts = fileFacts(
    partial.declared.filter((r) => changed.includes(r.origin.file)),
    new Map(changed.flatMap((file) => (files.has(file) ? [[file, files.get(file)!]] : []))),
  );
  const keptFiles = Object.fromEntries(
    Object.entries(record.files).filter(([file]) => !changed.includes(file)),
  );
  return {
    summary,
    files: { ...keptFiles, ...changedFacts },
    // The other tenants' flow definitions still count.
    assets: [...new Set([...record.assets, ...assets])].sort(),
  };
}

function without<T>(record: Record<string, T>, scopes: ReadonlySet<string>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([scope]) => !scopes.has(scope)));
}
