import { InvalidArgumentError, Option, type Command } from 'commander';
import { MANIFEST } from '../export/write-export-dir.js';
import { scopeNamed } from '../model/address.js';
import { KINDS } from '../model/kinds.js';
import { ANCHOR_FILE_ENV } from './anchor-file.js';
import type { ExitCode, Output } from './output.js';
import {
  actorOption,
  addActorOption,
  addStoreOption,
  addTenantOption,
  compileStoreEarly,
  formatOption,
} from './options.js';

/*
 * The command line ccac accepts: every command's name, arguments, options and help, and nothing
 * of their work. Each action imports its command module only when that command runs, so a run
 * loads the modules of one command (and of the operations and layers below it), not of all.
 */

/** A command module's action: the output, then commander's arguments and options. */
type Action = (output: Output, ...args: never[]) => Promise<ExitCode> | ExitCode;

/** Commander's action for a command whose module is loaded when it runs. */
type Lazy = (load: () => Promise<Action>) => (...args: unknown[]) => Promise<void>;

/** Declares every command on `program`; their actions report the exit code through `done`. */
export function declareCommands(
  program: Command,
  output: Output,
  done: (code: ExitCode) => void,
): void {
  const lazy: Lazy =
    (load) =>
    async (...args) =>
      done(await (await load())(output, ...(args as never[])));
  declareValidate(program, lazy);
  declarePlan(program, lazy);
  declareApply(program, lazy);
  declarePush(program, lazy);
  declareSchema(program, lazy);
  declareGraph(program, lazy);
  declareReport(program, lazy);
  declareHistory(program, lazy);
  declareDrift(program, lazy);
  declareDiff(program, lazy);
  declareExport(program, lazy);
  declareImport(program, lazy);
}

function declareValidate(program: Command, lazy: Lazy): void {
  program
    .command('validate')
    .description('check files against the schema and the rules that need no stored state')
    .argument('<paths...>', 'YAML files or directories')
    .addOption(formatOption(['text', 'json']))
    .action(
      lazy(async () => {
        await startThreadIfCold();
        return (await import('./commands/validate.js')).runValidate;
      }),
    );
}

function declarePlan(program: Command, lazy: Lazy): void {
  const command = program
    .command('plan')
    .description(
      'compare the files with the stored state: what would be created, changed and deleted',
    )
    .argument('<paths...>', 'YAML files or directories')
    .addOption(formatOption(['text', 'json', 'markdown']))
    .option('--out <file>', 'save the plan for a later `ccac apply FILE`')
    .option('--detailed-exitcode', 'exit 2 when there are changes');
  compileStoreEarly(addStoreOption(command));
  addActorOption(command);
  addTenantOption(command);
  command.action(
    lazy(async () => {
      await startThreadIfCold();
      return (await import('./commands/plan.js')).runPlan;
    }),
  );
}

function declareApply(program: Command, lazy: Lazy): void {
  const command = program
    .command('apply')
    .description('apply the files (after showing the plan), or a plan saved with `ccac plan --out`')
    .argument('<paths...>', 'YAML files or directories, or one saved plan file')
    .addOption(formatOption(['text', 'json']))
    .option('--auto-approve', 'apply without asking (required without a terminal)')
    .option(
      '--destroy',
      'allow the apply to delete whole tenants (the plan names them at its top): without it, such an apply is refused',
    )
    .option(
      '--lock-timeout <duration>',
      'how long to wait for another apply on the same tenant: 10s, 2m, 1m30s, 500ms (as Terraform takes it) or plain seconds',
      '30s',
    )
    .option(
      '--detailed-exitcode',
      'exit 2 when the apply recorded changes, 0 when there was nothing to change (1 on any error), as `plan --detailed-exitcode`',
    )
    .option(
      '--accept-drift',
      'adopt resources changed outside ccac in the tenants written (recorded in the revision)',
    )
    .addOption(
      new Option('--anchors <file>', "append each revision's anchor to this file").env(
        ANCHOR_FILE_ENV,
      ),
    )
    .option('--push', 'then push the tenants the apply changed to Webex (ccac push)');
  compileStoreEarly(addStoreOption(command));
  addActorOption(command);
  addTenantOption(command);
  command.action(lazy(async () => (await import('./commands/apply.js')).runApply));
}

function declarePush(program: Command, lazy: Lazy): void {
  const command = program
    .command('push')
    .description(
      "make each tenant's Webex Contact Center organization match its stored state (latest revision)",
    )
    .option('--dry-run', 'show the calls a push would make (method, path, fields); send no write')
    .option('--detailed-exitcode', 'exit 2 when a dry run has calls to make')
    .addOption(formatOption(['text', 'json']))
    .option(
      '--tenant <name>',
      'only this tenant (repeatable); every stored tenant by default',
      (v: string, p: string[]) => [...p, v],
      [],
    );
  compileStoreEarly(addStoreOption(command));
  addActorOption(command);
  command.action(
    lazy(async () => {
      const { runPush } = await import('./commands/push.js');
      return (output: Output, options: Parameters<typeof runPush>[0]) => runPush(options, output);
    }),
  );
}

function declareSchema(program: Command, lazy: Lazy): void {
  program
    .command('schema')
    .description('print one JSON Schema of the file format, for editors (yaml-language-server)')
    .action(lazy(async () => (await import('./commands/schema.js')).runSchema));
}

function declareGraph(program: Command, lazy: Lazy): void {
  const command = program
    .command('graph')
    .description(
      'the routing picture: numbers, entry points, flows, business hours, queues, teams and agents',
    )
    .argument(
      '<source...>',
      'YAML files or directories; or one of: live (the stored state), rev:N (the store at global revision N), git:REF[:PATH]',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['mermaid', 'dot'])
        .default('mermaid'),
    )
    .option(
      '--tenant <name>',
      'draw only this tenant (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    );
  addStoreOption(command);
  command.action(lazy(async () => (await import('./commands/graph.js')).runGraph));
}

function declareReport(program: Command, lazy: Lazy): void {
  const command = program
    .command('report')
    .description(
      'a self-contained HTML audit report: revisions and their changes, hash chains, routing picture',
    )
    .option('--out <file>', 'where to write the HTML page (default: standard output)')
    .option(
      '--tenant <name>',
      'only this tenant, or `organizations` (repeatable)',
      (value: string, previous: string[]) => [...previous, scopeNamed(value)],
      [] as string[],
    );
  compileStoreEarly(addStoreOption(command));
  command.action(lazy(async () => (await import('./commands/report.js')).runReport));
}

/** `--tenant` of the history commands: a filter, repeatable. */
function tenantFilter(command: Command): Command {
  return command.option(
    '--tenant <name>',
    'only this tenant, or `organizations` (repeatable)',
    (value: string, previous: string[]) => [...previous, scopeNamed(value)],
    [],
  );
}

function declareHistory(program: Command, lazy: Lazy): void {
  const history = program
    .command('history')
    .description(
      'recorded revisions: `history list` (the default), `history show N`, `history verify`, `history pushes`',
    );
  const load = () => import('./commands/history.js');
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
  compileStoreEarly(addStoreOption(list));
  list.action(lazy(async () => (await load()).runHistoryList));

  const show = history
    .command('show')
    .description('one revision: its recorded fields and its changes, shown like a plan')
    .argument('<id>', 'the revision id (the ID column of `ccac history`)')
    .addOption(formatOption(['text', 'json', 'markdown']));
  compileStoreEarly(addStoreOption(show));
  show.action(lazy(async () => (await load()).runHistoryShow));

  const verify = history
    .command('verify')
    .description(
      "check each tenant's revision chain (hashes, links, numbering), the anchors given and the stored rows against it; names the first problem",
    )
    .addOption(formatOption(['text', 'json']))
    .option(
      '--expect <anchor>',
      'scope@N:sha256:HASH, as apply prints it: the chain must still hold that revision (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .addOption(
      new Option('--anchors <file>', 'a file of anchors, as apply appends them').env(
        ANCHOR_FILE_ENV,
      ),
    );
  tenantFilter(verify);
  compileStoreEarly(addStoreOption(verify));
  verify.action(lazy(async () => (await load()).runHistoryVerify));

  const pushes = history
    .command('pushes')
    .description('pushes to Webex: who pushed which revision, when, how it ended, the calls made')
    .addOption(formatOption(['text', 'json']));
  tenantFilter(pushes);
  compileStoreEarly(addStoreOption(pushes));
  pushes.action(lazy(async () => (await load()).runHistoryPushes));
}

function declareDrift(program: Command, lazy: Lazy): void {
  const command = program
    .command('drift')
    .description('stored resources changed outside ccac since the last revision')
    .addOption(formatOption(['text', 'json']))
    .option('--detailed-exitcode', 'exit 2 when there is drift')
    .option('--live', 'compare live Webex with the stored state instead (reads only)')
    .option(
      '--tenant <name>',
      'only this tenant, or `organizations` (repeatable)',
      (v: string, p: string[]) => [...p, scopeNamed(v)],
      [],
    );
  compileStoreEarly(addStoreOption(command));
  command.action(lazy(async () => (await import('./commands/drift.js')).runDrift));
}

function declareDiff(program: Command, lazy: Lazy): void {
  const command = program
    .command('diff')
    .description('semantic diff of two configurations, shown as the plan that turns FROM into TO')
    .argument('<from>', 'a path (file or directory), rev:N, live, or git:REF[:PATH]')
    .argument('<to>', 'the same forms as FROM')
    .addOption(formatOption(['text', 'json', 'markdown']))
    .option('--detailed-exitcode', 'exit 2 when they differ')
    .addHelpText(
      'after',
      `
Operands:
  PATH             files or directories, loaded like \`ccac plan PATH\` (./live for a folder named live)
  rev:N            the whole store as of global revision N (rev:0: before the first apply)
  live             the whole store now
  git:REF[:PATH]   PATH (default: the working directory) in commit REF of the repository here,
                   read from git without a checkout

Examples:
  ccac diff git:main . --format markdown
  ccac diff rev:12 live
  ccac diff live examples --detailed-exitcode`,
    );
  addStoreOption(command);
  command.action(lazy(async () => (await import('./commands/diff.js')).runDiff));
}

function declareExport(program: Command, lazy: Lazy): void {
  const command = program
    .command('export')
    .description(
      'write the stored state (or the state as of a revision) as YAML that plans to no changes',
    )
    .addOption(
      new Option(
        '--revision <id>',
        'the state as of this global revision id (see ccac history)',
      ).argParser(parseRevision),
    )
    .option(
      '--out <dir>',
      `write the canonical layout into DIR: organizations.yaml, one folder per tenant, one file per kind, flow definitions in <tenant>/flows/. Replaces only the files a previous export listed in DIR/${MANIFEST}; other files stay. Without --out, prints one YAML stream, which cannot hold flow definition files: a state with any needs --out`,
    )
    .addOption(
      new Option(
        '--format <format>',
        'yaml, or csv: one tenant’s users as Control Hub’s bulk user CSV (e-mail, display name, the two contact-center licence columns), printed for upload in Control Hub',
      )
        .choices(['yaml', 'csv'])
        .default('yaml'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  ccac export --out config/\n  ccac export --format csv --tenant acme > users.csv\n  ccac export --revision 12 --tenant acme --out /tmp/acme-at-12\n  ccac export > state.yaml',
    );
  compileStoreEarly(addStoreOption(command));
  addTenantOption(command);
  command.action(lazy(async () => (await import('./commands/export.js')).runExport));
}

function parseRevision(value: string): number {
  if (!/^(0|[1-9][0-9]{0,14})$/.test(value))
    throw new InvalidArgumentError(`expected a revision id (0, 1, 2, …), got "${value}"`);
  return Number(value);
}

/** `ccac import csv|webex`: an existing contact center's configuration as ccac YAML. */
function declareImport(program: Command, lazy: Lazy): void {
  const group = program
    .command('import')
    .description(
      'write an existing contact center as ccac YAML: from Control Hub’s user CSV or from Webex',
    );
  const load = () => import('./commands/import.js');
  const webex = group
    .command('webex')
    .description(
      'read a live Webex Contact Center organization (token from CCAC_WEBEX_TOKEN_<TENANT> or CCAC_WEBEX_TOKEN) and write it as ccac YAML in export’s layout, with a Tenant carrying spec.webex and an import report of what ccac does not hold; nothing is stored unless --adopt',
    )
    .requiredOption('--tenant <name>', 'the ccac tenant name to give the organization')
    .requiredOption('--org <orgid>', 'the organization id (a UUID)')
    .requiredOption('--region <region>', 'its data centre: us1, eu1, eu2, anz1, ca1, jp1, sg1, in1')
    .option(
      '--out <dir>',
      `write DIR/<tenant>/ (one file per kind, flows/, import-report.md), replacing only what a previous export or import listed; without it one YAML stream is printed (refused when the org has flows)`,
    )
    .option(
      '--keep-from <path>',
      'a configuration whose Tenant document gives what Webex does not hold (country, subscription, platform, telephony, time zone); default: the --out folder. Without one they are guessed and the report says so',
    )
    .option(
      '--adopt',
      'then record the files in the store as the tenant’s first revision ("imported from Webex"), with the remote id of every resource, so `ccac plan DIR` shows no changes and `ccac push --dry-run` no calls; needs --out and an --actor the files declare full-admin; refused when the tenant is stored already',
    )
    .option(
      '--lock-timeout <seconds>',
      'with --adopt: how long to wait for an apply on the tenant',
      '30',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  ccac import webex --tenant acme --org 0d9c…-… --region eu1 --out config/\n  # take over the org: plan and push right after it find nothing to do\n  ccac import webex --tenant acme --org 0d9c…-… --region eu1 --out config/ --adopt --actor admin@acme.example\n  # what changed in Control Hub since the YAML in git:\n  ccac import webex --tenant acme --org 0d9c…-… --region eu1 --keep-from config/ --out /tmp/acme-now\n  ccac diff config/acme /tmp/acme-now/acme',
    );
  addStoreOption(webex);
  addActorOption(webex);
  webex.action(lazy(async () => (await load()).runImportWebex));

  group
    .command('csv')
    .description(
      'turn Control Hub’s bulk user CSV into User documents: e-mail, display name and the "Webex Contact Center" / "Webex Contact Center Premium" licence columns (True/False; empty keeps what the YAML says)',
    )
    .argument('<file>', 'the CSV exported from Control Hub (Users → Manage users by CSV)')
    .requiredOption('--tenant <name>', 'the tenant the users belong to')
    .option(
      '--out <dir>',
      'the configuration folder: DIR/<tenant>/users.yaml is rewritten with every user of the tenant, keeping their roles, teams and desktop profile; without it the User documents are printed',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  ccac import csv exported_users.csv --tenant acme --out config/\n  ccac export --format csv --tenant acme > users.csv',
    )
    .action(lazy(async () => (await load()).runImportCsv));
}

/**
 * A cold run's second parse thread started while the command loads (workspace/early-thread.ts):
 * its own start then overlaps the loading, not the parse.
 */
async function startThreadIfCold(): Promise<void> {
  (await import('../workspace/early-thread.js')).startThreadIfCold();
}
