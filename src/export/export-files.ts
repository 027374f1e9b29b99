import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { KINDS, SYSTEM_ENTRY_POINT, type Kind } from '../model/kinds.js';
import { systemEntryPoint } from '../model/canonicalize.js';
import type { Model, ModelResource } from '../model/model.js';

/** File name of each kind's documents inside a tenant folder. */
const KIND_FILES: Record<Kind, string> = {
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

/**
 * The canonical layout of a stored state: `organizations.yaml`, then one folder per tenant
 * with one file per kind, flow definitions beside them. Deterministic byte for byte.
 * Returns relative path → content.
 */
export function exportFiles(model: Model): Map<string, string> {
  const files = new Map<string, string[]>();
  const assets = new Map<string, string>();
  const add = (file: string, document: string) =>
    files.set(file, [...(files.get(file) ?? []), document]);
  const resources = [...model.byAddress.values()].sort(byKindThenName);
  for (const resource of resources) {
    if (isDefaultSystemEntryPoint(resource, model)) continue;
    const folder = resource.kind === 'Organization' ? '' : `${resource.tenant ?? resource.name}/`;
    const document = toDocument(resource, (content) => {
      const asset = `flows/${fileSafe(resource.name)}.json`;
      assets.set(`${folder}${asset}`, content);
      return asset;
    });
    add(
      `${folder}${KIND_FILES[resource.kind]}`,
      stringify(document, { lineWidth: 0, aliasDuplicateObjects: false }),
    );
  }
  const out = new Map<string, string>();
  for (const [file, documents] of [...files].sort(([a], [b]) => (a < b ? -1 : 1)))
    out.set(file, documents.join('---\n'));
  for (const [file, content] of [...assets].sort(([a], [b]) => (a < b ? -1 : 1)))
    out.set(file, content);
  return out;
}

/** A canonical resource as the YAML document a user would write: derived fields dropped. */
export function toDocument(
  resource: ModelResource,
  writeAsset: (content: string) => string,
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

/** The system entry point needs no declaration unless it carries numbers or a description. */
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

function byKindThenName(a: ModelResource, b: ModelResource): number {
  const kindOrder = KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind);
  if (kindOrder !== 0) return kindOrder;
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}

/** Names may hold anything printable; file names get a plain slug and a short hash to stay unique. */
function fileSafe(name: string): string {
  const slug =
    name
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'flow';
  return `${slug}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}
