import { createHash } from 'node:crypto';
import { compare } from '../diagnostics/diagnostic.js';
import { systemEntryPoint } from '../model/canonicalize.js';
import { KINDS, SYSTEM_ENTRY_POINT, type Kind } from '../model/kinds.js';
import type { Model, ModelResource } from '../model/model.js';
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

/**
 * The canonical layout of a stored state: `organizations.yaml`, then one folder per tenant
 * with one file per kind, flow definitions in `<tenant>/flows/`. Deterministic byte for byte:
 * resources by kind then address, files by path. Returns relative path (with `/`) → content.
 */
export function exportFiles(model: Model): Map<string, string> {
  const documents = new Map<string, string[]>();
  const assets = new Map<string, string>();
  for (const resource of [...model.byAddress.values()].sort(byKindThenAddress)) {
    if (isDefaultSystemEntryPoint(resource, model)) continue;
    const folder = folderOf(resource);
    const document = toDocument(resource, (definition) => {
      const file = `${FLOWS_FOLDER}/${fileSafe(resource.name)}.json`;
      assets.set(`${folder}${file}`, definition);
      return file;
    });
    const file = `${folder}${KIND_FILES[resource.kind]}`;
    documents.set(file, [...(documents.get(file) ?? []), yamlText(document)]);
  }
  const out = new Map<string, string>();
  for (const [file, texts] of sortedEntries(documents)) out.set(file, texts.join('---\n'));
  for (const [file, content] of sortedEntries(assets)) out.set(file, content);
  return out;
}

/** Organizations at the top; a Tenant in its own folder; everything else in its tenant's. */
function folderOf(resource: ModelResource): string {
  if (resource.kind === 'Organization') return '';
  return `${resource.tenant ?? resource.name}/`;
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

/**
 * Flow names may hold anything printable; a file name gets a plain slug (for people) and a
 * hash of the exact name (so `Sales` and `sales`, or two names with the same slug, stay apart
 * even on case-insensitive file systems).
 */
export function fileSafe(name: string): string {
  const slug =
    name
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .toLowerCase() || 'flow';
  return `${slug}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}
