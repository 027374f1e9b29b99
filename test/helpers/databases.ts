import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, inject } from 'vitest';
import { openStore, type OpenStoreOptions } from '../../src/store/open-store.js';
import type { SqlStateStore } from '../../src/store/sql-state-store.js';
import { sharedDatabasePrefix } from './global-setup.js';
import { runShared } from './run-shared.js';

/** A database the store suite runs on: PGlite always, PostgreSQL when CCAC_TEST_DATABASE_URL is set. */
export interface StoreTarget {
  dialect: 'pglite' | 'postgres';
  /** A fresh, empty, isolated database for this test (a temp dir, or a new PostgreSQL database), removed after it. */
  freshUrl(): Promise<string>;
  /**
   * A fresh, isolated database for this test holding a copy of the store `seed` built once per
   * run under `name` (given an empty database's URL), for tests that share a starting state.
   */
  seededUrl(name: string, seed: (url: string) => Promise<void>): Promise<string>;
  /** A store opened on `url` (or a fresh database), closed after the test. */
  open(url?: string, options?: OpenStoreOptions): Promise<SqlStateStore>;
}

const execFileAsync = promisify(execFile);

const stores: SqlStateStore[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close().catch(() => undefined)));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function storeTargets(): StoreTarget[] {
  const pgUrl = process.env.CCAC_TEST_DATABASE_URL;
  const targets = [target('pglite', freshPgliteUrl, seededPgliteUrl)];
  if (pgUrl)
    targets.push(
      target(
        'postgres',
        () => freshPostgresUrl(pgUrl),
        (name, seed) => seededPostgresUrl(pgUrl, name, seed),
      ),
    );
  return targets;
}

function target(
  dialect: StoreTarget['dialect'],
  freshUrl: () => Promise<string>,
  seededUrl: StoreTarget['seededUrl'],
): StoreTarget {
  return {
    dialect,
    freshUrl,
    seededUrl,
    async open(url, options) {
      const store = await openStore(url ?? (await freshUrl()), options);
      stores.push(store);
      return store;
    },
  };
}

/**
 * A copy of a migrated template directory: PGlite's initdb takes seconds of CPU, a copy
 * milliseconds. The template is made once per run, by the first worker that needs it.
 */
function freshPgliteUrl(): Promise<string> {
  return copyPglite(pgliteTemplate());
}

function pgliteTemplate(): Promise<string> {
  return runShared('pglite-empty', async (dir) => {
    await (await openStore(`pglite:${dir}`)).close();
  });
}

/** A copy of a store seeded once per run: a copy of the template, then `seed`. */
function seededPgliteUrl(name: string, seed: (url: string) => Promise<void>): Promise<string> {
  const seeded = runShared(`pglite-${name}`, async (dir) => {
    await copyDirectory(await pgliteTemplate(), dir);
    await seed(`pglite:${dir}`);
  });
  return copyPglite(seeded);
}

async function copyPglite(source: Promise<string>): Promise<string> {
  const from = await source;
  const dir = await mkdtemp(path.join(tmpdir(), 'ccac-store-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const state = path.join(dir, 'state');
  await copyDirectory(from, state);
  return `pglite:${state}`;
}

/**
 * Copies a data directory's contents into `to` (made if missing). `cp -R` takes ≈ 0.1 s for
 * PGlite's 1,000 files and 39 MB; Node 20's fs.cp takes over a second of CPU.
 */
async function copyDirectory(from: string, to: string): Promise<void> {
  if (process.platform === 'win32') return cp(from, to, { recursive: true });
  await mkdir(to, { recursive: true });
  await execFileAsync('cp', ['-R', `${from}/.`, to]);
}

function freshPostgresUrl(adminUrl: string): Promise<string> {
  return createPostgresDatabase(adminUrl, testDatabaseName());
}

/** A database of this test alone, dropped after it. */
function testDatabaseName(): string {
  return `ccac_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function createPostgresDatabase(
  adminUrl: string,
  name: string,
  template?: string,
): Promise<string> {
  const sql = `create database ${name}${template ? ` template ${template}` : ''}`;
  await withAdmin(adminUrl, (client) => createRetried(client, sql));
  cleanups.push(() =>
    withAdmin(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`)),
  );
  return databaseUrl(adminUrl, name);
}

/**
 * A copy of a database seeded once per run (`create database … template`, a file copy on the
 * server). The seeded database lives until the run ends (see global-setup.ts).
 */
async function seededPostgresUrl(
  adminUrl: string,
  name: string,
  seed: (url: string) => Promise<void>,
): Promise<string> {
  const shared = await runShared(`postgres-${name}`, async (dir) => {
    const database = `${sharedDatabasePrefix(inject('ccacRunDir'))}${name.replace(/\W/g, '_')}`;
    await withAdmin(adminUrl, (client) => client.query(`create database ${database}`));
    await seed(databaseUrl(adminUrl, database));
    await writeFile(path.join(dir, 'database'), database);
  });
  const template = await readFile(path.join(shared, 'database'), 'utf8');
  return createPostgresDatabase(adminUrl, testDatabaseName(), template);
}

/** CREATE DATABASE, again while the template is still used by a session that is ending (55006). */
async function createRetried(client: pg.Client, sql: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.query(sql);
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin(url: string, work: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
