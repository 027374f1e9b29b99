import { systemEntryPoint } from '../model/canonicalize.js';
import { SYSTEM_ENTRY_POINT } from '../model/kinds.js';
import type { CanonicalSpec } from '../model/model.js';
import type { ImportedResource } from '../webex/reconcile/import-live.js';
import type { ReportLine } from './report-line.js';

/** What a configuration may say of the system entry point (SPEC §2, EP_SYSTEM_PROTECTED). */
const DECLARABLE = new Set(['supportNumbers', 'description']);

/**
 * The system entry point as a configuration may declare it: Webex's own settings of it (its
 * service level, say) are not ccac's to write, so they are left out of the YAML and reported;
 * other resources pass unchanged.
 */
export function declarableSystemEntryPoint(
  resource: ImportedResource,
  tenant: string,
  timezone: string,
): { resource: ImportedResource; lines: ReportLine[] } {
  if (resource.kind !== 'EntryPoint' || resource.name !== SYSTEM_ENTRY_POINT)
    return { resource, lines: [] };
  const base: Record<string, unknown> = { ...systemEntryPoint(tenant, timezone).spec };
  const spec = { ...base };
  const lines: ReportLine[] = [];
  for (const [field, value] of Object.entries(resource.spec as Record<string, unknown>)) {
    if (DECLARABLE.has(field)) spec[field] = value;
    else if (JSON.stringify(value) !== JSON.stringify(base[field]))
      lines.push({
        entity: 'entry-point',
        name: SYSTEM_ENTRY_POINT,
        field,
        why: 'Webex’s own setting of the system entry point: ccac declares only its supportNumbers and description',
      });
  }
  return { resource: { ...resource, spec: spec as unknown as CanonicalSpec<'EntryPoint'> }, lines };
}
