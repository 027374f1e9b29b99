import { countDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { KINDS, type Kind } from '../model/kinds.js';
import type { Model } from '../model/model.js';
import type { ReportLine } from './report-line.js';

/** Everything an import found worth telling: the report file and the summary say the same. */
export interface ImportFindings {
  tenant: string;
  orgId: string;
  region: string;
  model: Model;
  /** The Tenant's fields no API returns: taken from the configuration or guessed. */
  tenantLines: readonly ReportLine[];
  /** What ccac cannot hold, and names it cannot take (importLive's notes). */
  liveLines: readonly ReportLine[];
  /** What `ccac validate` says of the imported YAML. */
  diagnostics: readonly Diagnostic[];
}

/** The import report as Markdown: for the reviewer of the commit that adds the imported YAML. */
export function renderImportReport(findings: ImportFindings): string {
  const { tenant, orgId, region } = findings;
  const parts = [
    `# Import report: ${cell(tenant)}\n\nRead from Webex organization ${cell(orgId)} (${cell(region)}): ${kindCounts(findings.model)}.\n`,
  ];
  if (findings.tenantLines.length > 0)
    parts.push(
      `## Tenant fields Webex does not hold\n\nNo API returns them: check each and correct \`tenant.yaml\` before adopting.\n\n| field | why |\n|---|---|\n${findings.tenantLines.map((l) => `| ${cell(l.field ?? '')} | ${cell(l.why)} |`).join('\n')}\n`,
    );
  parts.push(
    findings.liveLines.length === 0
      ? '## What ccac does not hold\n\nNothing: every object and field read is in the YAML.\n'
      : `## What ccac does not hold\n\nNot in the YAML, so not managed by ccac: objects of kinds ccac has no kind for, fields it cannot carry, objects nothing imported uses, and names ccac cannot take (with what to do).\n\n| entity | name | field | why |\n|---|---|---|---|\n${findings.liveLines.map((l) => `| ${cell(l.entity)} | ${cell(l.name)} | ${cell(l.field ?? '')} | ${cell(l.why)} |`).join('\n')}\n`,
  );
  if (findings.diagnostics.length > 0)
    parts.push(
      `## What \`ccac validate\` says of the imported YAML\n\n${findings.diagnostics.map((d) => `- ${cell(where(d))}${d.severity} ${d.code}: ${cell(d.message)}`).join('\n')}\n`,
    );
  return parts.join('\n');
}

/** A few lines for stderr: what was imported, and how much the report holds. */
export function importSummary(findings: ImportFindings, reportPath: string | undefined): string {
  const fields = findings.liveLines.filter((l) => l.field !== undefined).length;
  const objects = findings.liveLines.length - fields;
  const { errors, warnings } = countDiagnostics(findings.diagnostics);
  const lines = [
    `Imported ${findings.tenant} from Webex organization ${findings.orgId}: ${kindCounts(findings.model)}.`,
    `Import report${reportPath ? ` (${reportPath})` : ''}: ${fields} field(s) ccac does not hold, ${objects} object(s) or list(s) not imported, ${findings.tenantLines.length} tenant field(s) to check.`,
  ];
  if (errors + warnings > 0)
    lines.push(
      `The imported YAML does not pass \`ccac validate\` as it is: ${errors} error(s), ${warnings} warning(s) (listed in the report).`,
    );
  return `${lines.join('\n')}\n`;
}

function kindCounts(model: Model): string {
  const counts = KINDS.map((kind: Kind) => [kind, model.ofKind(kind).length] as const).filter(
    ([, n]) => n > 0,
  );
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  return `${total} resource(s) (${counts.map(([kind, n]) => `${n} ${kind}`).join(', ')})`;
}

function where(d: Diagnostic): string {
  return d.file ? `${d.file}:${d.line ?? 1}: ` : d.address ? `${d.address}: ` : '';
}

/** Text from Webex in a table cell: no line breaks, Markdown's own characters escaped. */
function cell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}
