// The floors a step is measured against, taken in the same run: parsing the same files with
// js-yaml, and the database's own SELECT and COPY of the same rows.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import jsYaml from 'js-yaml';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { timed } from './measure.mjs';

/** Floor: js-yaml 4 `load` of every file (read included), as fast as YAML gets in Node. */
export async function parseFloor(dir) {
  const files = [];
  const walk = async (d) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.name.endsWith('.yaml')) files.push(full);
    }
  };
  await walk(dir);
  return (
    await timed(async () => {
      let docs = 0;
      for (const f of files) jsYaml.loadAll(await readFile(f, 'utf8'), () => docs++);
      return docs;
    })
  ).ms;
}

const RESOURCE_COLUMNS = 'scope, kind, name, tenant, value, hash';
const CHANGE_COLUMNS = 'scope, revision, address, kind, name, action, before, after';

/** COPY text format: tabs, newlines and backslashes escaped, NULL as \N. */
function copyText(rows, columns) {
  const escape = (v) =>
    v === null || v === undefined
      ? '\\N'
      : (typeof v === 'object' ? JSON.stringify(v) : String(v))
          .replace(/\\/g, '\\\\')
          .replace(/\t/g, '\\t')
          .replace(/\n/g, '\\n')
          .replace(/\r/g, '\\r');
  const names = columns.split(', ');
  return rows.map((r) => names.map((n) => escape(r[n])).join('\t')).join('\n') + '\n';
}

/**
 * The floor's tables: shaped like ccac's own (keys and indexes included) and, like them, logged —
 * a temporary table skips the write-ahead log, which no durable write can.
 */
const FLOOR_TABLES = [
  'create schema ccac_floor',
  'create table ccac_floor.resources (like public.resources including all)',
  'create table ccac_floor.changes (like public.changes including all)',
];
const DROP_FLOOR_TABLES = 'drop schema ccac_floor cascade';

/**
 * Floors on the stored data: SELECT of every resource row, and COPY of the rows the first
 * apply wrote (resources and change records) into empty tables of the same shape.
 */
export async function storeFloors(db, database) {
  if (db === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const select = await timed(() =>
      client.query(`select ${RESOURCE_COLUMNS} from resources order by scope, kind, name`),
    );
    const changes = await client.query(`select ${CHANGE_COLUMNS} from changes where revision = 1`);
    const resourcesText = copyText(select.value.rows, RESOURCE_COLUMNS);
    const changesText = copyText(changes.rows, CHANGE_COLUMNS);
    for (const sql of FLOOR_TABLES) await client.query(sql);
    const copy = await timed(async () => {
      await client.query('begin');
      for (const [table, columns, text] of [
        ['ccac_floor.resources', RESOURCE_COLUMNS, resourcesText],
        ['ccac_floor.changes', CHANGE_COLUMNS, changesText],
      ]) {
        const stream = client.query(copyFrom(`copy ${table} (${columns}) from stdin`));
        await new Promise((resolve, reject) => {
          stream.on('finish', resolve);
          stream.on('error', reject);
          stream.end(text);
        });
      }
      await client.query('commit');
    });
    await client.query(DROP_FLOOR_TABLES);
    await client.end();
    return { selectMs: select.ms, copyMs: copy.ms, rows: select.value.rows.length };
  }
  // PGlite: the floor is PGlite itself (open, SELECT; COPY from a blob, since FROM STDIN is not served).
  const opened = await timed(() => PGlite.create(database.dir));
  const lite = opened.value;
  const select = await timed(() =>
    lite.query(`select ${RESOURCE_COLUMNS} from resources order by scope, kind, name`),
  );
  const changes = await lite.query(`select ${CHANGE_COLUMNS} from changes where revision = 1`);
  for (const sql of FLOOR_TABLES) await lite.query(sql);
  const resourcesBlob = new Blob([copyText(select.value.rows, RESOURCE_COLUMNS)]);
  const changesBlob = new Blob([copyText(changes.rows, CHANGE_COLUMNS)]);
  const copy = await timed(async () => {
    await lite.query(`copy ccac_floor.resources (${RESOURCE_COLUMNS}) from '/dev/blob'`, [], {
      blob: resourcesBlob,
    });
    await lite.query(`copy ccac_floor.changes (${CHANGE_COLUMNS}) from '/dev/blob'`, [], {
      blob: changesBlob,
    });
  });
  await lite.close();
  return { selectMs: opened.ms + select.ms, copyMs: copy.ms, rows: select.value.rows.length };
}
