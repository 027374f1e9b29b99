import { Option, type Command } from 'commander';

export type Format = 'text' | 'json' | 'markdown';

export const DEFAULT_DATABASE = 'pglite:.ccac/state';

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
      .default(DEFAULT_DATABASE),
  );
}

export function addActorOption(command: Command): Command {
  return command.addOption(
    new Option('--actor <email>', 'who is making the change').env('CCAC_ACTOR'),
  );
}

export function addTenantOption(command: Command): Command {
  return command.option(
    '--tenant <name>',
    'limit the work to this tenant (repeatable); a named tenant absent from the files is planned for deletion',
    (value: string, previous: string[]) => [...previous, value],
    [] as string[],
  );
}
