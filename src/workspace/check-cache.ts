import type { KeyObject } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CheckRecord } from './recheck-scopes.js';
import type { CacheSettings } from './cache-settings.js';
import { keyedName, seal, unseal } from './cache-seal.js';
import { resolvePathArguments, type ConfigFolders } from './config-folders.js';
import { readCacheFile } from './read-cache-file.js';
import { bytesDigest } from '../config/source-file.js';
import { writeFileAtomic } from './write-atomic.js';

/**
 * Beside the parse cache: the last check of a workspace (the same paths from the same directory,
 * by the same build), kept as a CheckRecord. Its name is a MAC of the workspace and it is sealed
 * (cache-seal.ts): a record answers for a whole configuration's findings, so one this machine did
 * not write for this workspace is a miss. The flow definitions it read are checked by digest on
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

export function openCheckCache(settings: CacheSettings, paths: readonly string[]): CheckCache {
  const { dir, build, key } = settings;
  const name = `check-${keyedName(key, build, process.cwd(), JSON.stringify(paths))}.json`;
  const entryFile = path.join(dir, name);
  const { folders } = resolvePathArguments(paths);
  return {
    lookup: () => readCheck(entryFile, key, name, folders),
    store: async (record) => {
      const entry: CheckEntry = {
        record,
        assets: record.assets.map((asset) => digestOf(asset, folders)),
      };
      try {
        await mkdir(dir, { recursive: true });
        writeFileAtomic(entryFile, seal(key, name, JSON.stringify(entry)));
        await keepNewest(dir);
      } catch {
        // The next run checks the configuration again; nothing is lost.
      }
    },
  };
}

/** The record as this machine kept it (its MAC verifies), while the assets it read are unchanged. */
function readCheck(
  file: string,
  key: KeyObject,
  name: string,
  folders: ConfigFolders,
): CheckRecord | undefined {
  const read = readCacheFile(file);
  const data = read && unseal(key, name, read.bytes);
  if (!data) return undefined;
  const { record, assets } = JSON.parse(data.toString('utf8')) as CheckEntry;
  const assetsSame = record.assets.every((asset, i) => digestOf(asset, folders) === assets[i]);
  return assetsSame ? record : undefined;
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
