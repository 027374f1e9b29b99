import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A directory for what every worker of this run shares (see run-shared.ts); removed after the run. */
    ccacRunDir: string;
  }
}

/** The prefix of the PostgreSQL databases a run shares between its workers, dropped after it. */
export function sharedDatabasePrefix(runDir: string): string {
  return `ccac_shared_${path
    .basename(runDir)
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()}_`;
}

export default async function setup(project: TestProject) {
  const runDir = await mkdtemp(path.join(tmpdir(), 'ccac-run-'));
  project.provide('ccacRunDir', runDir);
  return async () => {
    await rm(runDir, { recursive: true, force: true });
    const adminUrl = process.env.CCAC_TEST_DATABASE_URL;
    if (adminUrl) await dropSharedDatabases(adminUrl, sharedDatabasePrefix(runDir));
  };
}

async function dropSharedDatabases(adminUrl: string, prefix: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where starts_with(datname, $1)`,
      [prefix],
    );
    for (const { datname } of rows)
      await client.query(`drop database if exists ${datname} with (force)`);
  } finally {
    await client.end();
  }
}
