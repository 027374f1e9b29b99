import { compare, error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { systemEntryPoint } from '../model/canonicalize.js';
import { KINDS, SYSTEM_ENTRY_POINT, type Kind } from '../model/kinds.js';
import type { Model, ModelResource } from '../model/model.js';
import { fileSafe, tenantFolder } from './path-segment.js';
import { kindSchemas } from '../config/schemas.js';
import { inSchemaOrder } from './schema-order.js';
import { withoutDefaults } from './without-defaults.js';
import { yamlText } from './yaml-text.js';

/** File name of each kind's documents inside a tenant folder (organizations sit at the top). */
export const KIND_FILES: Readonly<Record<Kind, string>> = {
  Organization: 'organizations.yaml',
  Tenant: 'tenant.yaml',
  User: 'users.yaml',
  Team: 'teams.yaml',
  Queue: 'queues.yaml',
  Campaign: 'campaigns.yaml',
  EntryPoint: 'entry-points.yaml',
  Flow: 'flows.yaml',
  BusinessHours: 'business-hours.yaml',
  DesktopProfile: 'desktop-profiles.yaml',
};

/** Where flow definitions go, relative to the tenant folder (and to its flows.yaml). */
export const FLOWS_FOLDER = 'flows';

/** An export's files (relative path with `/` → content), or why there can be none. */
export type ExportLayout = { files: Map<string, string> } | { refused: Diagnostic };

/**
 * The canonical layout of a stored state: `organizations.yaml`, then one folder per tenant
 * with one file per kind, flow definitions in `<tenant>/flows/`. Deterministic byte for byte:
 * resources by kind then address, files by path. A tenant name that cannot be a folder name
 * (path-segment.ts) refuses the whole export.
 */
export function exportFiles(model: Model): ExportLayout {
  const documents = new Map<string, string[]>();
  const assets = new Map<string, string>();
  for (const resource of [...model.byAddress.values()].sort(byKindThenAddress)) {
    if (isDefaultSystemEntryPoint(resource, model)) continue;
    const folder = folderOf(resource);
    if (folder === undefined) return { refused: unsafeTenantName(resource) };
    const written = { ...resource, spec: writtenSpec(resource, model) };
    const document = toDocument(written, (definition) => {
      const file = `${FLOWS_FOLDER}/${fileSafe(resource.name)}.json`;
      assets.set(`${folder}${file}`, definition);
      return file;
    });
    const file = `${folder}${KIND_FILES[resource.kind]}`;
    const ordered = inSchemaOrder(document, kindSchemas[resource.kind]);
    // Pushed, not spread: a copy per document made exporting 20,000 users quadratic.
    let texts = documents.get(file);
    if (!texts) documents.set(file, (texts = []));
    texts.push(yamlText(ordered));
  }
  const out = new Map<string, string>();
  for (const [file, texts] of sortedEntries(documents)) out.set(file, texts.join('---\n'));
  for (const [file, content] of sortedEntries(assets)) out.set(file, content);
  return { files: out };
}

/** A resource's spec as a person would write it: no defaults, not even its tenant's. */
function writtenSpec(resource: ModelResource, model: Model): ModelResource['spec'] {
  const tenant = resource.tenant ?? '';
  const timezone = model.get('Tenant', tenant)?.spec.timezone;
  const spec = withoutDefaults(resource.kind, resource.spec, tenant, timezone);
  return spec as ModelResource['spec'];
}

/** Organizations at the top; a Tenant in its own folder; everything else in its tenant's. */
function folderOf(resource: ModelResource): string | undefined {
  if (resource.kind === 'Organization') return '';
  const folder = tenantFolder(tenantOf(resource));
  return folder === undefined ? undefined : `${folder}/`;
}

function tenantOf(resource: ModelResource): string {
  return resource.tenant ?? resource.name;
}

function unsafeTenantName(resource: ModelResource): Diagnostic {
  // Quoted as JSON, cut short: the name may hold anything, a terminal's escapes included.
  const name = JSON.stringify(tenantOf(resource).slice(0, 100));
  return error(
    'STORE',
    `the stored tenant name ${name} cannot be a folder name (a tenant name is lower-case letters, digits, '-' and '_'): the store holds what no configuration can declare, so nothing was exported`,
    { address: resource.address },
  );
}

/**
 * A canonical resource as the YAML document a user would write: the derived `connectRole`
 * dropped, a flow's definition handed to `writeAsset` and referenced by `definitionFile`.
 */
export function toDocument(
  resource: Pick<ModelResource, 'kind' | 'name' | 'tenant' | 'labels' | 'spec'>,
  writeAsset: (definition: string) => string,
): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (resource.tenant !== null && resource.kind !== 'Tenant') metadata.tenant = resource.tenant;
  metadata.name = resource.name;
  if (resource.labels) metadata.labels = resource.labels;
  const spec: Record<string, unknown> = { ...(resource.spec as Record<string, unknown>) };
  if (resource.kind === 'User') delete spec.connectRole;
  if (resource.kind === 'Flow' && typeof spec.definition === 'string') {
    spec.definitionFile = writeAsset(spec.definition);
    delete spec.definition;
  }
  return { apiVersion: 'ccac/v1', kind: resource.kind, metadata, spec };
}

/** The system entry point needs no declaration unless it differs from what the tenant implies. */
function isDefaultSystemEntryPoint(resource: ModelResource, model: Model): boolean {
  if (
    resource.kind !== 'EntryPoint' ||
    resource.name !== SYSTEM_ENTRY_POINT ||
    resource.tenant === null
  )
    return false;
  const tenant = model.get('Tenant', resource.tenant);
  return (
    tenant !== undefined &&
    systemEntryPoint(resource.tenant, tenant.spec.timezone).hash === resource.hash
  );
}

function byKindThenAddress(a: ModelResource, b: ModelResource): number {
  return KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || compare(a.address, b.address);
}

function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => compare(a, b));
}
