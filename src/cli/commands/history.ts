import { parseSince } from '../../audit/history-query.js';
import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import {
  historyList,
  historyPushes,
  historyShow,
  historyVerify,
} from '../../operations/history.js';
import { EXIT, type ExitCode, type Output } from '../output.js';
import type { Format } from '../options.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { renderHistoryJson } from '../render/history-json.js';
import { renderRevision } from '../render/history-show.js';
import { renderHistoryText } from '../render/history-text.js';
import { renderVerifyJson, renderVerifyText } from '../render/history-verify.js';
import { withExistingStore } from '../with-store.js';
import { renderPushesJson, renderPushesText } from '../render/history-pushes.js';
import { readAnchors } from '../anchor-file.js';

export interface HistoryOptions {
  db: string;
  tenant: string[];
  actor?: string;
  since?: string;
  kind?: string;
  address?: string;
  limit?: string;
  format: Format;
}

/** `ccac history list`: the filters checked → historyList → rendered. */
export async function runHistoryList(output: Output, options: HistoryOptions): Promise<ExitCode> {
  const usage = usageProblems(options);
  if (usage.length > 0) return fail(output, usage);
  return withExistingStore(options.db, output, async (store) => {
    const listed = await historyList(store, {
      tenants: options.tenant,
      actor: options.actor,
      since: options.since === undefined ? undefined : (parseSince(options.since) ?? undefined),
      kind: options.kind,
      address: options.address,
      limit: options.limit === undefined ? undefined : Number(options.limit),
    });
    if ('refused' in listed) return fail(output, listed.refused);
    output.out(
      options.format === 'json'
        ? renderHistoryJson(listed.revisions)
        : renderHistoryText(listed.revisions, output.color),
    );
    return EXIT.ok;
  });
}

/** `ccac history pushes`: historyPushes → rendered. */
export function runHistoryPushes(
  output: Output,
  options: { db: string; tenant: string[]; format: Format },
): Promise<ExitCode> {
  return withExistingStore(options.db, output, async (store) => {
    const { pushes, tenants } = await historyPushes(store, options.tenant);
    output.out(
      options.format === 'json'
        ? renderPushesJson(pushes, tenants)
        : renderPushesText(pushes, tenants, output.color),
    );
    return EXIT.ok;
  });
}

function usageProblems(options: HistoryOptions): Diagnostic[] {
  const problems: Diagnostic[] = [];
  if (options.since !== undefined && parseSince(options.since) === null)
    problems.push(
      error(
        'USAGE',
        `--since takes an ISO date or datetime, like 2025-03-01 or 2025-03-01T09:30Z, not "${options.since}"`,
      ),
    );
  if (options.limit !== undefined && !/^[1-9]\d*$/.test(options.limit))
    problems.push(error('USAGE', `--limit takes a positive whole number, not "${options.limit}"`));
  return problems;
}

function fail(output: Output, diagnostics: Diagnostic[]): ExitCode {
  output.err(renderDiagnosticsText(diagnostics, output.color));
  return EXIT.error;
}

/** `ccac history show ID`: the id checked → historyShow → rendered like a plan. */
export async function runHistoryShow(
  output: Output,
  id: string,
  options: { db: string; format: Format },
): Promise<ExitCode> {
  if (!/^[1-9]\d*$/.test(id))
    return fail(output, [error('USAGE', `a revision id is a positive whole number, not "${id}"`)]);
  return withExistingStore(options.db, output, async (store) => {
    const shown = await historyShow(store, Number(id));
    if ('refused' in shown) return fail(output, shown.refused);
    output.out(renderRevision(shown.record, shown.plan, options.format, output.color));
    return EXIT.ok;
  });
}

export interface VerifyOptions {
  db: string;
  tenant: string[];
  format: Format;
  expect: string[];
  anchors?: string;
}

/** `ccac history verify`: the anchors read → historyVerify → rendered; 1 when a chain is broken. */
export async function runHistoryVerify(output: Output, options: VerifyOptions): Promise<ExitCode> {
  const { anchors, errors } = await readAnchors(options);
  if (errors.length > 0) return fail(output, errors);
  return withExistingStore(options.db, output, async (store) => {
    const verified = await historyVerify(store, options.tenant, anchors);
    if ('refused' in verified) return fail(output, verified.refused);
    const { results } = verified;
    output.out(
      options.format === 'json'
        ? renderVerifyJson(results)
        : renderVerifyText(results, output.color),
    );
    return results.every((r) => r.problem === null) ? EXIT.ok : EXIT.error;
  });
}
