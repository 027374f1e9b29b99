import { InvalidArgumentError, Option, type Command } from 'commander';
import { actorProblem, normalizeActor } from '../authz/actor.js';
import { scopeNamed } from '../model/address.js';
import { DEFAULT_STORE_URL } from '../store/default-store-url.js';

export type Format = 'text' | 'json' | 'markdown';

export function formatOption(choices: Format[]): Option {
  return new Option('--format <format>', 'output format').choices(choices).default('text');
}

/** Options shared by every command that reads the store. */
export interface StoreOptions {
  db: string;
}

export interface ActorOptions {
  actor?: string;
}

export function addStoreOption(command: Command): Command {
  return command.addOption(
    new Option('--db <url>', 'state database: postgres://… or pglite:DIR')
      .env('CCAC_DATABASE_URL')
      .default(DEFAULT_STORE_URL),
  );
}

/**
 * For a command that opens the store whenever it runs: an embedded store's WebAssembly starts
 * compiling once the command line is read, while the command's modules load
 * (store/pglite-wasm.ts).
 */
export function compileStoreEarly(command: Command): Command {
  return command.hook('preAction', async (_command, action) => {
    (await import('../store/pglite-wasm.js')).compileEarlyFor(action.opts<StoreOptions>().db);
  });
}

export function addActorOption(command: Command): Command {
  return command.addOption(actorOption('who is making the change').env('CCAC_ACTOR'));
}

/**
 * `--actor` (and CCAC_ACTOR) as every command reads it: normalised once, here, so that the actor
 * authorized is the actor recorded and the one `history --actor` finds; a control or invisible
 * character is refused with a clear error (authz/actor.ts).
 */
export function actorOption(description: string): Option {
  return new Option('--actor <email>', description).argParser((value: string) => {
    const problem = actorProblem(value);
    if (problem !== undefined) throw new InvalidArgumentError(problem);
    return normalizeActor(value) ?? '';
  });
}

export function addTenantOption(command: Command): Command {
  return command.option(
    '--tenant <name>',
    'limit the work to this tenant, or to `organizations` (repeatable); a named tenant absent from the files is planned for deletion',
    (value: string, previous: string[]) => [...previous, scopeNamed(value)],
    [] as string[],
  );
}
