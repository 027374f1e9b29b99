import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { openStore } from '../../src/store/open-store.js';
import { emptyStateFor, holdsDatabase } from '../../src/store/pglite-template.js';
import { tempDir } from '../helpers/temp-dir.js';

/** What a store's database is: its encoding and collation, its tables' columns, its migrations. */
async function shapeOf(db: Database) {
  return {
    database: await db.query(
      `select pg_encoding_to_char(encoding) as encoding, datcollate, datctype
         from pg_database where datname = current_database()`,
    ),
    columns: await db.query(
      `select table_name, column_name, data_type, is_nullable from information_schema.columns
        where table_schema = 'public' order by table_name, ordinal_position`,
    ),
    indexes: await db.query(
      `select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`,
    ),
    migrations: await db.query('select version, name from ccac_migrations order by version'),
  };
}

describe('the empty embedded database the build makes (dist/pglite-state-*/)', () => {
  it('is used for a new directory only, never over a database', async () => {
    const dir = await tempDir();
    const template = emptyStateFor(path.join(dir, 'new'));
    expect(template).toMatch(/pglite-state-[\d.]+$/);
    expect(holdsDatabase(template!)).toBe(true);
    await mkdir(path.join(dir, 'old'));
    await writeFile(path.join(dir, 'old', 'PG_VERSION'), '17\n');
    expect(emptyStateFor(path.join(dir, 'old'))).toBeUndefined();
  });

  it('makes a new store in a directory closed to other users', async () => {
    const dir = path.join(await tempDir(), 'new');
    await (await openStore(`pglite:${dir}`)).close();
    expect((await stat(dir)).mode & 0o077).toBe(0);
  });

  it('leaves a copy cut short no database: the next open copies it whole', async () => {
    const dir = path.join(await tempDir(), 'cut');
    await mkdir(path.join(dir, 'base'), { recursive: true });
    await writeFile(path.join(dir, 'postgresql.conf'), 'half written');
    expect(holdsDatabase(dir)).toBe(false);
    const store = await openStore(`pglite:${dir}`);
    try {
      expect(await store.db.query('select count(*)::integer as n from resources')).toEqual([
        { n: 0 },
      ]);
    } finally {
      await store.close();
    }
    expect(await readdir(dir)).not.toContain('ccac.lock');
  });

  it('ships its WAL cut to its checkpoint, and a new store gets the whole segment back', async () => {
    const dir = path.join(await tempDir(), 'new');
    const template = emptyStateFor(dir)!;
    const shipped = await readdir(path.join(template, 'pg_wal'));
    const segments = shipped.filter((name) => /^[0-9A-F]{24}$/.test(name));
    expect(segments).toHaveLength(1);
    const cut = await stat(path.join(template, 'pg_wal', segments[0]!));
    expect(cut.size).toBeLessThan(1 << 20);
    await (await openStore(`pglite:${dir}`)).close();
    const copied = await stat(path.join(dir, 'pg_wal', segments[0]!));
    expect(copied.size).toBe(16 << 20);
  });

  it('holds no database but the one ccac opens: a new store copies no template database', async () => {
    const dir = path.join(await tempDir(), 'new');
    const template = emptyStateFor(dir)!;
    const store = await openStore(`pglite:${dir}`);
    try {
      const databases = await store.db.query<{ oid: number; datname: string }>(
        'select oid::integer, datname from pg_database',
      );
      expect(databases.map((d) => d.datname)).toEqual(['postgres']);
      expect(await readdir(path.join(template, 'base'))).toEqual([String(databases[0]!.oid)]);
    } finally {
      await store.close();
    }
  });

  it('makes the same database as initdb and the migrations do', async () => {
    const dir = await tempDir();
    const initdb = await PGlite.create(path.join(dir, 'initdb'));
    await initdb.close();
    const migrated = await openStore(`pglite:${path.join(dir, 'initdb')}`);
    const copied = await openStore(`pglite:${path.join(dir, 'copied')}`);
    try {
      const expected = await shapeOf(migrated.db);
      expect(expected.migrations.length).toBeGreaterThan(0);
      expect(await shapeOf(copied.db)).toEqual(expected);
    } finally {
      await migrated.close();
      await copied.close();
    }
  }, 60_000);
});
