import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach } from 'vitest';
import { openStore, type OpenStoreOptions } from '../../src/store/open-store.js';
import type { SqlStateStore } from '../../src/store/sql-state-store.js';

/** A database the store suite runs on: PGlite always, PostgreSQL when CCAC_TEST_DATABASE_URL is set. */
export interface StoreTarget {
  dialect: 'pglite' | 'postgres';
  /** A fresh, empty, isolated database for this test (a temp dir, or a new PostgreSQL database), removed after it. */
  freshUrl(): Promise<string>;
  /** A store opened on `url` (or a fresh database), closed after the test. */
  open(url?: string, options?: OpenStoreOptions): Promise<SqlStateStore>;
}

const stores: SqlStateStore[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close().catch(() => undefined)));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function storeTargets(): StoreTarget[] {
  const pgUrl = process.env.CCAC_TEST_DATABASE_URL;
  const targets = [target('pglite', freshPgliteUrl)];
  if (pgUrl) targets.push(target('postgres', () => freshPostgresUrl(pgUrl)));
  return targets;
}

function target(dialect: StoreTarget['dialect'], freshUrl: () => Promise<string>): StoreTarget {
  return {
    dialect,
    freshUrl,
    async open(url, options) {
      const store = await openStore(url ?? (await freshUrl()), options);
      stores.push(store);
      return store;
    },
  };
}

/**
 * A copy of a migrated template directory: PGlite's initdb takes seconds, a copy milliseconds.
 * The template is made once per test file and removed after it.
 */
async function freshPgliteUrl(): Promise<string> {
  const template = await (pgliteTemplate ??= makePgliteTemplate());
  const dir = await mkdtemp(path.join(tmpdir(), 'ccac-store-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const state = path.join(dir, 'state');
  await cp(template, state, { recursive: true });
  return `pglite:${state}`;
}

let pgliteTemplate: Promise<string> | undefined;

afterAll(async () => {
  const template = await pgliteTemplate;
  pgliteTemplate = undefined;
  if (template) await rm(path.dirname(template), { recursive: true, force: true });
});

async function makePgliteTemplate(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ccac-template-'));
  const state = path.join(dir, 'state');
  await (await openStore(`pglite:${state}`)).close();
  return state;
}

async function freshPostgresUrl(adminUrl: string): Promise<string> {
  const name = `ccac_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`create database ${name}`));
  cleanups.push(() =>
    withAdmin(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`)),
  );
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
