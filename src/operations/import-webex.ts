import { kindSchemas } from '../config/schemas.js';
import { compare, error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { exportFiles } from '../export/export-files.js';
import { exportStream } from '../export/export-stream.js';
import { tenantFolder } from '../export/path-segment.js';
import { ExportPathError, writeExportDir, type WriteReport } from '../export/write-export-dir.js';
import { checkImportedFiles } from '../import/check-imported-files.js';
import { importSummary, renderImportReport, type ImportFindings } from '../import/import-report.js';
import { importedState, type ImportedState } from '../import/imported-state.js';
import { declarableSystemEntryPoint } from '../import/system-entry-point.js';
import { tenantFromLive } from '../import/tenant-from-live.js';
import { unmappedFields } from '../import/unmapped-fields.js';
import type { SpecOf } from '../model/kinds.js';
import { resolveConnection, type WebexSettings } from '../webex/client/connection.js';
import type { CallCounts } from '../webex/client/request-gate.js';
import { createWebexClient } from '../webex/client/webex-client.js';
import type { WebexEntity } from '../webex/entities.js';
import { importLive } from '../webex/reconcile/import-live.js';
import { readLive } from '../webex/reconcile/read-live.js';
import { readExistingConfig } from './existing-config.js';

export interface ImportWebexRequest {
  tenant: string;
  orgId: string;
  region: string;
  /** Where the canonical layout is written; absent: one YAML stream to print. */
  out?: string;
  /** The configuration whose Tenant document gives what Webex does not hold (default: `out`). */
  keepFrom?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Told as each entity's listing completes, with the calls left under the rate limit. */
  onListed?: (entity: WebexEntity, count: number, callsLeft: number) => void;
}

export type ImportWebexOutcome =
  | { diagnostics: Diagnostic[] }
  | {
      findings: ImportFindings;
      state: ImportedState;
      calls: CallCounts;
      summary: string;
      /** What was written into `out`, or the YAML to print without it. */
      written: WriteReport | { text: string; report: string };
    };

/** The report beside the tenant's YAML (not YAML: `ccac plan DIR` does not read it). */
export const REPORT_FILE = 'import-report.md';

/**
 * `ccac import webex`: the org read through the connector (every page, flow definitions exported),
 * turned into ccac resources with the same Read drift uses (importLive), written in export's
 * canonical layout with a Tenant document carrying spec.webex and the import report beside it.
 * Nothing is written when the org cannot be read whole.
 */
export async function importWebex(request: ImportWebexRequest): Promise<ImportWebexOutcome> {
  const problem = requestProblem(request);
  if (problem !== undefined) return { diagnostics: [error('USAGE', problem)] };
  const webex = { orgId: request.orgId, region: request.region } as WebexSettings;
  const kept = await keptTenant(request.keepFrom ?? request.out, request.tenant);
  if ('diagnostics' in kept) return kept;
  const connection = resolveConnection(request.tenant, webex, request.env);
  if (connection.status !== 'connected')
    return {
      diagnostics: [
        error('USAGE', connection.status === 'unusable' ? connection.message : 'no Webex settings'),
      ],
    };
  const client = createWebexClient(connection.connection);
  const live = await readLive(client, {
    flowDefinitions: true,
    onListed: (entity, count) => request.onListed?.(entity, count, client.gate.callsLeft()),
  });
  if (!live.ok)
    return {
      diagnostics: [
        error(
          'USAGE',
          `nothing imported: reading Webex organization ${request.orgId} failed: ${live.failure.message}`,
        ),
      ],
    };
  const tenant = tenantFromLive(live.value, kept.spec, webex, request.tenant);
  const imported = importLive(live.value, {
    tenant: request.tenant,
    tenantTimezone: tenant.spec.timezone,
  });
  const system = imported.resources.map((r) =>
    declarableSystemEntryPoint(r, request.tenant, tenant.spec.timezone),
  );
  const state = importedState(
    request.tenant,
    tenant.spec,
    system.map((s) => s.resource),
  );
  const layout = exportFiles(state.model);
  if ('refused' in layout) return { diagnostics: [layout.refused] };
  const findings: ImportFindings = {
    tenant: request.tenant,
    orgId: request.orgId,
    region: request.region,
    model: state.model,
    tenantLines: tenant.lines,
    liveLines: [
      ...imported.notes,
      ...system.flatMap((s) => s.lines),
      ...unmappedFields(live.value),
    ].sort((a, b) => compare(a.entity, b.entity) || compare(a.field ?? '', b.field ?? '')),
    diagnostics: checkImportedFiles(layout.files),
  };
  const report = renderImportReport(findings);
  const calls = client.gate.calls();
  if (request.out === undefined) {
    const stream = exportStream(layout.files);
    if ('assets' in stream)
      return {
        diagnostics: [
          error(
            'USAGE',
            `the org holds flows (${stream.assets.length} definition file(s)), which a single YAML stream cannot carry: write the import to a folder with --out DIR`,
          ),
        ],
      };
    return {
      findings,
      state,
      calls,
      summary: importSummary(findings, undefined),
      written: { text: stream.text, report },
    };
  }
  const reportFile = `${tenantFolder(request.tenant)}/${REPORT_FILE}`;
  const files = new Map([...layout.files, [reportFile, report]]);
  try {
    const written = await writeExportDir(request.out, files);
    return {
      findings,
      state,
      calls,
      summary: importSummary(findings, `${request.out}/${reportFile}`),
      written,
    };
  } catch (cause) {
    if (!(cause instanceof ExportPathError)) throw cause;
    return { diagnostics: [error('FILE', `nothing imported: ${cause.message}`)] };
  }
}

const TENANT_WEBEX = (
  kindSchemas.Tenant as {
    properties: { spec: { properties: { webex: { properties: { region: { enum: string[] } } } } } };
  }
).properties.spec.properties.webex.properties;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requestProblem(request: ImportWebexRequest): string | undefined {
  if (tenantFolder(request.tenant) === undefined)
    return `"${request.tenant}" is not a tenant name (lower-case letters, digits, - and _)`;
  if (!UUID.test(request.orgId))
    return `--org ${JSON.stringify(request.orgId)} is not an organization id (a UUID)`;
  if (!TENANT_WEBEX.region.enum.includes(request.region))
    return `--region ${JSON.stringify(request.region)} is not a region: ${TENANT_WEBEX.region.enum.join(', ')}`;
  return undefined;
}

/** The Tenant the configuration in `dir` declares already, whose choices the import keeps. */
async function keptTenant(
  dir: string | undefined,
  tenant: string,
): Promise<{ spec: SpecOf<'Tenant'> | undefined } | { diagnostics: Diagnostic[] }> {
  if (dir === undefined) return { spec: undefined };
  const config = await readExistingConfig(dir);
  const errors = config.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { diagnostics: errors };
  const declared = config.declared.find((r) => r.kind === 'Tenant' && r.name === tenant);
  return { spec: declared?.spec as SpecOf<'Tenant'> | undefined };
}
