import { Option, type Command } from 'commander';
import { parseSince } from '../../audit/history-query.js';
import { readHistory } from '../../audit/read-history.js';
import { revisionPlan } from '../../audit/revision-plan.js';
import { verifyStore } from '../../audit/verify-store.js';
import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { scopeNamed } from '../../model/address.js';
import { KINDS } from '../../model/kinds.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { actorOption, addStoreOption, formatOption, type Format } from '../options.js';
import type { Output } from '../output.js';
import { refuseUnstoredTenants } from '../unknown-tenants.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { renderHistoryJson } from '../render/history-json.js';
import { renderRevision } from '../render/history-show.js';
import { renderHistoryText } from '../render/history-text.js';
import { renderVerifyJson, renderVerifyText } from '../render/history-verify.js';
import { withExistingStore } from '../with-store.js';
import { WebexRecords } from '../../store/webex-records.js';
import { renderPushesJson, renderPushesText } from '../render/history-pushes.js';
import { ANCHOR_FILE_ENV, readAnchors } from '../anchor-file.js';

interface HistoryOptions {
  db: string;
  tenant: string[];
  actor?: string;
  since?: string;
  kind?: string;
  address?: string;
  limit?: string;
  format: Format;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function tenantFilter(command: Command): Command {
  return command.option(
    '--tenant <name>',
    'only this tenant, or `organizations` (repeatable)',
    (value: string, previous: string[]) => [...previous, scopeNamed(value)],
    [],
  );
}

export function registerHistory(
  program: Command,
  output: Output,
  done: (code: ExitCode) => void,
): void {
  const history = program
    .command('history')
    .description(
      'recorded revisions: `history list` (the default), `history show N`, `history verify`, `history pushes`',
    );
  // A default subcommand rather than options on `history` itself: commander would otherwise
  // take `--db` and `--format` given after `show` or `verify` for `history`'s own.
  const list = history
    .command('list', { isDefault: true })
    .description('list recorded revisions, newest first')
    .addOption(actorOption('only revisions by this actor (any case)'))
    .option('--since <date>', 'only revisions at or after this ISO date or datetime (UTC)')
    .addOption(new Option('--kind <kind>', 'only revisions that changed this kind').choices(KINDS))
    .option('--address <address>', 'only revisions that changed this resource')
    .option('--limit <n>', 'at most this many revisions')
    .addOption(formatOption(['text', 'json']));
  tenantFilter(list);
  addStoreOption(list);
  list.action(async (options: HistoryOptions) => {
    const usage = usageProblems(options);
    if (usage.length > 0) return done(fail(output, usage));
    const code = await withExistingStore(options.db, output, async (store) => {
      const refused = await refuseUnstoredTenants(output, options.tenant, store);
      if (refused !== undefined) return refused;
      const revisions = await readHistory(store, {
        tenants: options.tenant,
        actor: options.actor,
        since: options.since === undefined ? undefined : (parseSince(options.since) ?? undefined),
        kind: options.kind,
        address: options.address,
        limit: options.limit === undefined ? undefined : Number(options.limit),
      });
      output.out(
        options.format === 'json'
          ? renderHistoryJson(revisions)
          : renderHistoryText(revisions, output.color),
      );
      return EXIT.ok;
    });
    done(code);
  });
  registerShow(history, output, done);
  registerVerify(history, output, done);
  registerPushes(history, output, done);
}

function registerPushes(history: Command, output: Output, done: (code: ExitCode) => void): void {
  const pushes = history
    .command('pushes')
    .description('pushes to Webex: who pushed which revision, when, how it ended, the calls made')
    .addOption(formatOption(['text', 'json']));
  tenantFilter(pushes);
  addStoreOption(pushes);
  pushes.action(async (options: { db: string; tenant: string[]; format: Format }) => {
    const code = await withExistingStore(options.db, output, async (store) => {
      const records = new WebexRecords(store.db);
      const scopes = options.tenant.length > 0 ? options.tenant : undefined;
      const list = await records.readPushes(scopes);
      const tenants = await records.readTenants(scopes);
      output.out(
        options.format === 'json'
          ? renderPushesJson(list, tenants)
          : renderPushesText(list, tenants, output.color),
      );
      return EXIT.ok;
    });
    done(code);
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

function registerShow(history: Command, output: Output, done: (code: ExitCode) => void): void {
  const show = history
    .command('show')
    .description('one revision: its recorded fields and its changes, shown like a plan')
    .argument('<id>', 'the revision id (the ID column of `ccac history`)')
    .addOption(formatOption(['text', 'json', 'markdown']));
  addStoreOption(show);
  show.action(async (id: string, options: { db: string; format: Format }) => {
    if (!/^[1-9]\d*$/.test(id))
      return done(
        fail(output, [error('USAGE', `a revision id is a positive whole number, not "${id}"`)]),
      );
    const code = await withExistingStore(options.db, output, async (store) => {
      const record = (await store.readRevisions()).find((r) => r.id === Number(id));
      if (!record) return fail(output, [error('USAGE', `there is no revision with id ${id}`)]);
      const changes = await store.readChanges(record.scope, {
        from: record.revision,
        upTo: record.revision,
      });
      const plan = revisionPlan(record, changes);
      output.out(renderRevision(record, plan, options.format, output.color));
      return EXIT.ok;
    });
    done(code);
  });
}

interface VerifyOptions {
  db: string;
  tenant: string[];
  format: Format;
  expect: string[];
  anchors?: string;
}

function registerVerify(history: Command, output: Output, done: (code: ExitCode) => void): void {
  const verify = history
    .command('verify')
    .description(
      "check each tenant's revision chain (hashes, links, numbering), the anchors given and the stored rows against it; names the first problem",
    )
    .addOption(formatOption(['text', 'json']))
    .option(
      '--expect <anchor>',
      'scope@N:sha256:HASH, as apply prints it: the chain must still hold that revision (repeatable)',
      collect,
      [],
    )
    .addOption(
      new Option('--anchors <file>', 'a file of anchors, as apply appends them').env(
        ANCHOR_FILE_ENV,
      ),
    );
  tenantFilter(verify);
  addStoreOption(verify);
  verify.action(async (options: VerifyOptions) => {
    const { anchors, errors } = await readAnchors(options);
    if (errors.length > 0) return done(fail(output, errors));
    const code = await withExistingStore(options.db, output, async (store) => {
      const refused = await refuseUnstoredTenants(output, options.tenant, store);
      if (refused !== undefined) return refused;
      const results = await verifyStore(store, options.tenant, anchors);
      output.out(
        options.format === 'json'
          ? renderVerifyJson(results)
          : renderVerifyText(results, output.color),
      );
      return results.every((r) => r.problem === null) ? EXIT.ok : EXIT.error;
    });
    done(code);
  });
}
