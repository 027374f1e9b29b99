import { countDiagnostics, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { ORGANIZATIONS_SCOPE_NAME } from '../../model/address.js';
import { KINDS } from '../../model/kinds.js';
import { tenantDestroys } from '../../plan/destroyed-tenants.js';
import { changeFields } from '../../plan/make-plan.js';
import type { FieldChange, Plan, ResourceChange } from '../../model/plan.js';
import { escapeMarkdown, markdownCode } from './escape-markdown.js';
import {
  ACTION_SYMBOL,
  compactJson,
  describeScopes,
  isMultiLine,
  isTextField,
  itemLines,
  splitDeletions,
  summaryLine,
  textDiffLines,
  textSummary,
} from './plan-values.js';

/** GitHub refuses comments over 65,536 characters; stay clear of it. */
export const MARKDOWN_LIMIT = 60_000;

export interface MarkdownOptions {
  /** Longest output, in characters; the plan is cut at a section boundary to fit. */
  maxLength?: number;
  /** Mermaid flowchart of the routing paths the plan touches, shown collapsed after the counts. */
  graph?: string | undefined;
}

/**
 * A plan as a pull-request comment: counts per tenant and kind, deletions first, each change in a
 * collapsible section with a `diff` block, diagnostics as a list. Over the limit, changes are left
 * out from the end, whole sections at a time, and a notice says how many and where to see them.
 */
export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const limit = options.maxLength ?? MARKDOWN_LIMIT;
  // No one piece may crowd out the rest: each is capped at a quarter of the limit.
  const cap = Math.floor(limit / 4);
  const { deletions, others } = splitDeletions(plan.changes);
  const head = renderHead(plan, cap) + renderGraph(options.graph, cap);
  const diagnostics = renderDiagnostics(plan.diagnostics, cap);
  const sections: { heading: string; blocks: string[] }[] = [
    {
      heading: `### ⚠ Deletions (${deletions.length})\n\n`,
      blocks: deletions.map((d) => renderChange(d, cap)),
    },
    {
      heading: `### Changes (${others.length})\n\n`,
      blocks: others.map((o) => renderChange(o, cap)),
    },
  ].filter((section) => section.blocks.length > 0);

  const total = plan.changes.length;
  const notice = truncationNotice(total, total, limit);
  let budget = limit - head.length - diagnostics.length - notice.length - 1;
  let shown = 0;
  let truncated = false;
  const body: string[] = [];
  for (const section of sections) {
    if (truncated) break;
    for (const [i, block] of section.blocks.entries()) {
      const cost = block.length + (i === 0 ? section.heading.length : 0);
      if (cost > budget) {
        truncated = true;
        break;
      }
      if (i === 0) body.push(section.heading);
      body.push(block);
      budget -= cost;
      shown++;
    }
  }
  if (truncated) body.push(truncationNotice(total - shown, total, limit));
  return `${[head, ...body, diagnostics].join('').trimEnd()}\n`;
}

/** Inside a collapsed section, as GitHub renders ```mermaid blocks; left out with a note when too large. */
function renderGraph(graph: string | undefined, cap: number): string {
  if (graph === undefined) return '';
  const summary = '<details><summary>Routing paths this plan touches</summary>\n\n';
  if (graph.length > cap - 200)
    return `${summary}The picture is too large for a comment (${graph.length.toLocaleString('en-US')} characters): see \`ccac graph\`.\n\n</details>\n\n`;
  const fence = fenceFor(graph.split('\n'));
  return `${summary}${fence}mermaid\n${graph.trimEnd()}\n${fence}\n\n</details>\n\n`;
}

function renderHead(plan: Plan, cap: number): string {
  const destroys = renderDestroys(plan.changes);
  const title = `## ccac plan\n\n${destroys}Against ${escapeMarkdown(describeScopes(plan))}.\n\n**${summaryLine(plan)}**\n\n`;
  return plan.changes.length > 0 ? title + renderCountTable(plan.changes, cap) : title;
}

/** A tenant deleted whole, called out above everything else as GitHub's caution alert. */
function renderDestroys(changes: readonly ResourceChange[]): string {
  return tenantDestroys(changes)
    .map(
      ({ tenant, resources }) =>
        `> [!CAUTION]\n> **This plan destroys tenant ${markdownCode(tenant)}**: it and all ${resources} of its resources will be deleted.\n\n`,
    )
    .join('');
}

/** One row per tenant and kind that changes; organizations have no tenant. */
function renderCountTable(changes: readonly ResourceChange[], cap: number): string {
  const rows = new Map<string, { tenant: string; kind: string; counts: Record<string, number> }>();
  for (const change of changes) {
    const tenant = change.tenant ?? ORGANIZATIONS_SCOPE_NAME;
    const key = `${tenant}\u0000${KINDS.indexOf(change.kind).toString().padStart(2, '0')}`;
    let row = rows.get(key);
    if (!row)
      rows.set(
        key,
        (row = { tenant, kind: change.kind, counts: { create: 0, update: 0, delete: 0 } }),
      );
    row.counts[change.action]!++;
  }
  const lines = [
    '| Tenant | Kind | Create | Update | Delete |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  const sorted = [...rows.keys()].sort();
  let length = lines.join('\n').length;
  for (const [i, key] of sorted.entries()) {
    const { tenant, kind, counts } = rows.get(key)!;
    const line = `| ${escapeMarkdown(tenant)} | ${kind} | ${counts.create} | ${counts.update} | ${counts.delete} |`;
    if (length + line.length > cap - 200) {
      lines.push(`| … | ${sorted.length - i} more rows | | | |`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  const sum = (action: string) => changes.filter((c) => c.action === action).length;
  lines.push(
    `| **Total** | | **${sum('create')}** | **${sum('update')}** | **${sum('delete')}** |`,
  );
  return `${lines.join('\n')}\n\n`;
}

function renderChange(change: ResourceChange, cap: number): string {
  const summary =
    `<summary><code>${ACTION_SYMBOL[change.action]}</code> ${change.action} ` +
    `${markdownCode(change.address)}</summary>`;
  const lines = changeFields(change).flatMap((field) => fieldLines(field, change));
  const fence = fenceFor(lines);
  let body = '';
  for (const [i, line] of lines.entries()) {
    if (body.length + line.length > cap - 400) {
      body += `… ${lines.length - i} more lines: see \`ccac plan --format json\`\n`;
      break;
    }
    body += `${line}\n`;
  }
  return `<details>${summary}\n\n${fence}diff\n${body}${fence}\n\n</details>\n\n`;
}

function fieldLines(field: FieldChange, change: ResourceChange): string[] {
  if (change.action !== 'update') {
    const symbol = ACTION_SYMBOL[change.action];
    const value = change.action === 'create' ? field.after : field.before;
    return [
      `${symbol} ${field.path}: ${isMultiLine(value) ? textSummary(value) : compactJson(value)}`,
    ];
  }
  if (isTextField(field)) {
    const hunks = textDiffLines(field);
    return [`  ${field.path}:`, ...hunks];
  }
  const items = itemLines(field, ` ${field.path}:`);
  if (items) return items;
  const lines: string[] = [];
  if (field.before !== undefined) lines.push(`- ${field.path}: ${compactJson(field.before)}`);
  if (field.after !== undefined) lines.push(`+ ${field.path}: ${compactJson(field.after)}`);
  return lines;
}

function renderDiagnostics(diagnostics: readonly Diagnostic[], cap: number): string {
  if (diagnostics.length === 0) return '';
  const { errors, warnings } = countDiagnostics(diagnostics);
  let text = `### Diagnostics (${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'})\n\n`;
  for (const [i, d] of diagnostics.entries()) {
    const line = diagnosticLine(d);
    if (text.length + line.length > cap - 200) {
      text += `- … ${diagnostics.length - i} more: see \`ccac plan --format json\`\n`;
      break;
    }
    text += line;
  }
  return `${text}\n`;
}

function diagnosticLine(d: Diagnostic): string {
  const icon = d.severity === 'error' ? '❌' : '⚠️';
  const where = d.file ? ` ${markdownCode(`${d.file}:${d.line ?? 1}:${d.column ?? 1}`)}` : '';
  const address = d.address ? ` (${markdownCode(d.address)})` : '';
  return `- ${icon} **${d.severity}** \`${d.code}\`${where}${address}: ${escapeMarkdown(d.message)}\n`;
}

function truncationNotice(leftOut: number, total: number, limit: number): string {
  return (
    `> [!WARNING]\n> **Plan truncated:** ${leftOut} of ${total} changes are not shown ` +
    `(this comment is limited to ${limit.toLocaleString('en-US')} characters). ` +
    'Run `ccac plan --format json` to see the full plan.\n\n'
  );
}

/** A fence longer than any run of backticks inside, so values cannot close it. */
function fenceFor(lines: readonly string[]): string {
  let longest = 0;
  for (const line of lines)
    for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}
