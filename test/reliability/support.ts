import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { revisionHash } from '../../src/store/revision-hash.js';
import { CLI, NODE_FLAGS, runCli } from '../helpers/run-cli.js';
import { tenantYaml } from '../helpers/tenant-yaml.js';

/** The PostgreSQL server the suite may use, when CI provides one. */
export const PG_URL = process.env.CCAC_TEST_DATABASE_URL;

export const ADMIN = 'admin@acme.example';

export interface TeamSpec {
  name: string;
  description?: string;
  labels?: Record<string, string>;
}

/** A tenant with a full-admin (who can bootstrap it) and the given teams, as YAML files. */
export function tenantFiles(
  tenant: string,
  teams: readonly TeamSpec[] = [],
  admin = adminOf(tenant),
): Record<string, string> {
  const head = tenantYaml(tenant, admin);
  const files: Record<string, string> = { 'tenant.yaml': head };
  if (teams.length > 0) files['teams.yaml'] = teamsYaml(tenant, teams);
  return files;
}

/** Teams as one `kind: List`, every string JSON-quoted (valid YAML, no escaping surprises). */
export function teamsYaml(tenant: string, teams: readonly TeamSpec[]): string {
  const q = (s: string) => JSON.stringify(s);
  const items = teams.map((t) => {
    const labels = t.labels
      ? `, labels: {${Object.entries(t.labels)
          .map(([k, v]) => `${q(k)}: ${q(v)}`)
          .join(', ')}}`
      : '';
    const spec = t.description === undefined ? '{}' : `{description: ${q(t.description)}}`;
    return `  - {apiVersion: ccac/v1, kind: Team, metadata: {tenant: ${tenant}, name: ${q(t.name)}${labels}}, spec: ${spec}}`;
  });
  return `apiVersion: ccac/v1\nkind: List\nitems:\n${items.join('\n')}\n`;
}

export function adminOf(tenant: string): string {
  return tenant === 'acme' ? ADMIN : `admin@${tenant}.example`;
}

/** `count` teams named Team_00000… with a description that says which variant wrote them. */
export function manyTeams(count: number, variant = 'v1'): TeamSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `Team_${String(i).padStart(5, '0')}`,
    description: `team ${i} (${variant})`,
  }));
}

/**
 * Everything the store holds, as one deterministic string: resources, scope counters, revisions,
 * changes. Two equal dumps are two identical stores.
 */
export async function dumpStore(url: string): Promise<string> {
  const store = await openStore(url);
  try {
    const tables = {
      resources: await store.db.query(
        `select scope, kind, name, tenant, value, hash from resources
          order by scope collate "C", kind collate "C", name collate "C"`,
      ),
      scopes: await store.db.query(`select * from scopes order by scope collate "C"`),
      revisions: await store.db.query(
        `select scope, revision, id, actor, actor_role, created_at::text, config_digest, git_commit,
                plan_digest, counts, prev_hash, hash
           from revisions order by scope collate "C", revision`,
      ),
      changes: await store.db.query(
        `select * from changes order by scope collate "C", revision, address collate "C"`,
      ),
    };
    return JSON.stringify(tables);
  } finally {
    await store.close();
  }
}

/**
 * Checks each scope's chain the way `history verify` does: revisions 1..n without gaps, each
 * linked to the previous hash, each hash recomputed from the stored fields and changes.
 * Returns the problems found (empty when intact).
 */
export async function chainProblems(url: string): Promise<string[]> {
  const store = await openStore(url);
  try {
    const problems: string[] = [];
    const revisions = await store.readRevisions();
    const byScope = new Map<string, typeof revisions>();
    for (const r of revisions) byScope.set(r.scope, [...(byScope.get(r.scope) ?? []), r]);
    for (const [scope, list] of byScope) {
      const changes = await store.readChanges(scope);
      let prev: string | null = null;
      list.forEach((r, i) => {
        if (r.revision !== i + 1) problems.push(`${scope}: revision ${r.revision} at ${i + 1}`);
        if (r.prevHash !== prev) problems.push(`${scope}@${r.revision}: broken link`);
        const own = changes.filter((c) => c.revision === r.revision);
        if (revisionHash(r, own) !== r.hash) problems.push(`${scope}@${r.revision}: hash differs`);
        prev = r.hash;
      });
    }
    return problems;
  } finally {
    await store.close();
  }
}

let historyVerify: Promise<boolean> | undefined;

/** Whether the built CLI has `history verify` yet (another engineer is adding it). */
export function hasHistoryVerify(): Promise<boolean> {
  // Commander answers `--help` of an unknown command with the program's help, so look for the word.
  return (historyVerify ??= runCli(['history', '--help']).then(
    (r) => r.code === 0 && /\bverify\b/.test(r.stdout),
  ));
}

/** The chain is intact: by our own recomputation, and by `ccac history verify` when it exists. */
export async function expectChainIntact(url: string): Promise<void> {
  const problems = await chainProblems(url);
  if (problems.length > 0) throw new Error(`hash chain broken: ${problems.join('; ')}`);
  if (await hasHistoryVerify()) {
    const verified = await runCli(['history', 'verify', '--db', url]);
    if (verified.code !== 0)
      throw new Error(`history verify failed (${verified.code}): ${verified.stderr}`);
  }
}

/** One query on its own connection. */
export async function pgQuery<Row = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

const databases: string[] = [];

afterAll(async () => {
  if (!PG_URL) return;
  for (const name of databases.splice(0))
    await pgQuery(PG_URL, `drop database if exists ${name} with (force)`).catch(() => undefined);
});

/** A fresh PostgreSQL database for a whole test file (dropped after it); its URL. */
export async function freshPgDatabase(): Promise<string> {
  if (!PG_URL) throw new Error('CCAC_TEST_DATABASE_URL is not set');
  const name = `ccac_rel_${process.pid}_${randomBytes(4).toString('hex')}`;
  await pgQuery(PG_URL, `create database ${name}`);
  databases.push(name);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every `everyMs` until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  everyMs = 5,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Exit code, or the signal's name when killed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the built CLI without waiting for it, so a test can watch it and kill it. */
export function startCli(args: readonly string[], cwd?: string): RunningCli {
  const child = spawn(process.execPath, [...NODE_FLAGS, CLI, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', CCAC_ACTOR: undefined, CCAC_DATABASE_URL: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, done };
}
