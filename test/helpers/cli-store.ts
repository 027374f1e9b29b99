import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { RevisionRecord } from '../../src/model/revision.js';
import type { StoreTarget } from './databases.js';
import { runCli, type CliResult } from './run-cli.js';
import { tempDir } from './temp-dir.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** The example setup's partner full-admin: declared in both tenants, so it may bootstrap them. */
export const PIETER = 'pieter.laan@northwind-partners.example';

export interface JsonDiagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  address?: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface JsonChange {
  address: string;
  action: 'create' | 'update' | 'delete';
  fields: { path: string }[];
}

export interface JsonPlan {
  tenants: Record<string, { baseRevision: number }>;
  changes: JsonChange[];
  diagnostics: JsonDiagnostic[];
  summary: { create: number; update: number; delete: number };
}

/**
 * A scenario's workspace: a temp dir holding a copy of the good examples under `config/`,
 * and one store (a fresh database of the target's dialect) that every step reuses.
 */
export interface CliWorkspace {
  dir: string;
  url: string;
  /** Runs ccac in the workspace with `--db` pointing at the scenario's store. */
  run(args: readonly string[], env?: Record<string, string | undefined>): Promise<CliResult>;
  /** `plan config … --format json`, parsed. */
  planJson(args?: readonly string[]): Promise<CliResult & { plan: JsonPlan }>;
  /** `apply config --auto-approve --actor ACTOR …`. */
  apply(actor: string, args?: readonly string[]): Promise<CliResult>;
  /** Replaces the one occurrence of `from` in a config file (path relative to `config/`). */
  edit(file: string, from: string, to: string): Promise<void>;
  /** Removes the one YAML document of a config file that contains `marker`. */
  removeDocument(file: string, marker: string): Promise<void>;
  /** Appends YAML documents to a config file. */
  append(file: string, yaml: string): Promise<void>;
  /** Removes a file or directory under `config/`. */
  remove(relative: string): Promise<void>;
  /** The revisions recorded so far, read through the store. */
  revisions(): Promise<RevisionRecord[]>;
  /** Every row of every table, sorted, as JSON: two equal dumps mean an unchanged store. */
  dump(): Promise<string>;
  /** 1-based line and column of the first occurrence of `needle` in a config file. */
  placeOf(file: string, needle: string): Promise<{ line: number; column: number }>;
}

export interface CliWorkspaceOptions {
  /**
   * The store starts with the examples applied by Pieter, as `apply(PIETER)` in a new workspace
   * leaves it (see examplesAppliedUrl): for scenarios whose subject comes after that apply.
   */
  applied?: boolean;
}

export async function cliWorkspace(
  target: StoreTarget,
  options: CliWorkspaceOptions = {},
): Promise<CliWorkspace> {
  const dir = await tempDir();
  const config = path.join(dir, 'config');
  await copyExamples(config);
  const url = options.applied ? await examplesAppliedUrl(target) : await target.freshUrl();
  const run = (args: readonly string[], env?: Record<string, string | undefined>) =>
    runCli([...args, '--db', url], { cwd: dir, ...(env ? { env } : {}) });
  const configFile = (file: string) => path.join(config, file);
  return {
    dir,
    url,
    run,
    async planJson(args = []) {
      const result = await run(['plan', 'config', '--format', 'json', ...args]);
      let plan: JsonPlan;
      try {
        plan = JSON.parse(result.stdout) as JsonPlan;
      } catch {
        throw new Error(`plan did not print JSON (exit ${result.code}):\n${result.stderr}`);
      }
      return { ...result, plan };
    },
    apply: (actor, args = []) =>
      run(['apply', 'config', '--auto-approve', '--actor', actor, ...args]),
    async edit(file, from, to) {
      const text = await readFile(configFile(file), 'utf8');
      expect(text.split(from).length - 1, `"${from}" once in ${file}`).toBe(1);
      await writeFile(configFile(file), text.replace(from, to));
    },
    async removeDocument(file, marker) {
      const documents = (await readFile(configFile(file), 'utf8')).split(/\n---\n/);
      const kept = documents.filter((document) => !document.includes(marker));
      expect(documents.length - kept.length, `one document with "${marker}" in ${file}`).toBe(1);
      await writeFile(configFile(file), kept.join('\n---\n'));
    },
    async append(file, yaml) {
      const text = await readFile(configFile(file), 'utf8');
      await writeFile(configFile(file), `${text.trimEnd()}\n---\n${yaml}`);
    },
    remove: (relative) => rm(configFile(relative), { recursive: true }),
    async revisions() {
      const store = await openStore(url, { cwd: dir });
      try {
        return await store.readRevisions();
      } finally {
        await store.close();
      }
    },
    dump: () => dumpStore(url, dir),
    async placeOf(file, needle) {
      const text = await readFile(configFile(file), 'utf8');
      const at = text.indexOf(needle);
      expect(at, `"${needle}" in ${file}`).toBeGreaterThanOrEqual(0);
      const before = text.slice(0, at).split('\n');
      return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
    },
  };
}

/** The good examples (all but `broken/`), as a workspace's `config/`. */
function copyExamples(config: string): Promise<void> {
  return cp(EXAMPLES, config, {
    recursive: true,
    filter: (source) => path.basename(source) !== 'broken',
  });
}

/**
 * A fresh database of the target holding the examples as Pieter's `apply config` in a new
 * workspace leaves them (revisions organizations@1, alnoor-bank@1, vandijk-retail@1): a copy of one
 * applied once per run and database.
 */
export function examplesAppliedUrl(target: StoreTarget): Promise<string> {
  return target.seededUrl('examples-applied', applyExamples);
}

/** The seed of examplesAppliedUrl: `apply config` by Pieter in a workspace of its own. */
async function applyExamples(url: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ccac-seed-'));
  try {
    await copyExamples(path.join(dir, 'config'));
    const args = ['apply', 'config', '--auto-approve', '--actor', PIETER, '--db', url];
    const result = await runCli(args, { cwd: dir });
    if (result.code !== 0)
      throw new Error(`applying the examples failed (exit ${result.code}):\n${result.stderr}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** All tables of the public schema, rows as canonical JSON, sorted; the store closed again. */
export async function dumpStore(url: string, cwd: string): Promise<string> {
  const store = await openStore(url, { cwd });
  try {
    const tables = await store.db.query<{ table_name: string }>(
      `select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    );
    const out: Record<string, string[]> = {};
    for (const { table_name: table } of tables) {
      const rows = await store.db.query<{ row: string }>(
        `select row_to_json(t)::text as row from "${table}" t`,
      );
      out[table] = rows.map((r) => r.row).sort();
    }
    return JSON.stringify(out, null, 1);
  } finally {
    await store.close();
  }
}

/** Diagnostics of one code, for assertions that name what they expect. */
export function withCode(diagnostics: readonly JsonDiagnostic[], code: string): JsonDiagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

export function errorCodes(diagnostics: readonly JsonDiagnostic[]): string[] {
  return [...new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))].sort();
}

/**
 * Sets `active: false` on every entry point a tenant's `entry-points.yaml` declares (the system
 * one excepted: it cannot be deactivated): what must be applied before the channels, or the
 * tenant, may be deleted (EP_DELETE_ACTIVE).
 */
export async function deactivateEntryPoints(ws: CliWorkspace, tenant: string): Promise<void> {
  const file = path.join(ws.dir, 'config', tenant, 'entry-points.yaml');
  const documents = (await readFile(file, 'utf8'))
    .split(/\n---\n/)
    .map((document) =>
      document.includes('kind: EntryPoint') && !document.includes('name: Outdial Transfer to Queue')
        ? document
            .replace(/^ {2}active: .*\n?/m, '')
            .replace(/^( {2}channelType: .*)$/m, '$1\n  active: false')
        : document,
    );
  await writeFile(file, documents.join('\n---\n'));
}
