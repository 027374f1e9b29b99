import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CheckRecord } from '../pipeline/recheck-scopes.js';
import { resolvePathArguments, type ConfigFolders } from './config-folders.js';
import { bytesDigest } from './read-config-files.js';
import { writeFileAtomic } from './write-atomic.js';

/**
 * Beside the parse cache: the last check of a workspace (the same paths from the same directory,
 * by the same build), kept as a CheckRecord. The flow definitions it read are checked by digest on
 * lookup. Best effort like the parse cache: anything unreadable is a miss.
 */
export interface CheckCache {
  lookup(): CheckRecord | undefined;
  store(record: CheckRecord): Promise<void>;
}

interface CheckEntry {
  record: CheckRecord;
  /** The digest of each of the record's assets when it was kept. */
  assets: string[];
}

/** Workspaces kept: a few checkouts' worth. */
const KEEP = 8;
const ENTRY_NAME = /^check-[0-9a-f]{64}\.json$/;

export function openCheckCache(
  settings: { dir: string; build: string } | undefined,
  paths: readonly string[],
): CheckCache | undefined {
  if (!settings) return undefined;
  const key = createHash('sha256')
    .update(`${settings.build}\0${process.cwd()}\0${JSON.stringify(paths)}`)
    .digest('hex');
  const entryFile = path.join(settings.dir, `check-${key}.json`);
  const { folders } = resolvePathArguments(paths);
  return {
    lookup: () => readCheck(entryFile, folders),
    store: async (record) => {
      const entry: CheckEntry = {
        record,
        assets: record.assets.map((asset) => digestOf(asset, folders)),
      };
      try {
        await mkdir(settings.dir, { recursive: true });
        writeFileAtomic(entryFile, JSON.stringify(entry));
        await keepNewest(settings.dir);
      } catch {
        // The next run checks the configuration again; nothing is lost.
      }
    },
  };
}

function readCheck(file: string, folders: ConfigFolders): CheckRecord | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as CheckEntry;
    const { record, assets } = entry;
    if (!Array.isArray(record?.summary?.diagnostics) || !Array.isArray(record.assets))
      return undefined;
    const assetsSame = record.assets.every((asset, i) => digestOf(asset, folders) === assets[i]);
    return assetsSame ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Read as readAssets reads it (ConfigFolders.read); a file it refuses is known by the reason, so
 * the kept check's diagnostic about it holds as long as the reason does.
 */
function digestOf(file: string, folders: ConfigFolders): string {
  const read = folders.read(file);
  return 'bytes' in read ? bytesDigest(read.bytes) : `refused: ${read.refused}`;
}

async function keepNewest(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((name) => ENTRY_NAME.test(name));
  if (names.length <= KEEP) return;
  const dated = await Promise.all(
    names.map(async (name) => ({ name, at: (await stat(path.join(dir, name))).mtimeMs })),
  );
  const old = dated.sort((a, b) => b.at - a.at).slice(KEEP);
  await Promise.all(old.map(({ name }) => rm(path.join(dir, name), { force: true })));
}
