import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, rm, stat, writeFile, rename, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { SourceFile } from '../config/source-file.js';
import type { ConfigSummary } from '../pipeline/config-summary.js';
import { bytesDigest } from './read-config-files.js';

/**
 * Beside the parse cache: the ConfigSummary of whole configurations, keyed by the build and every
 * file's path and digest. Flow definitions a configuration reads are checked by digest on lookup.
 * Best effort like the parse cache: anything unreadable is a miss.
 */
export interface CheckCache {
  lookup(): ConfigSummary | undefined;
  /** `assets`: the files the configuration read besides its own (flow definitions). */
  store(summary: ConfigSummary, assets: readonly string[]): Promise<void>;
}

interface CheckEntry {
  summary: ConfigSummary;
  /** [path, digest of its bytes] */
  assets: [string, string][];
}

/** Configurations kept: a few branches' worth. */
const KEEP = 8;
const ENTRY_NAME = /^check-[0-9a-f]{64}\.json$/;

export function openCheckCache(
  settings: { dir: string; build: string } | undefined,
  files: readonly SourceFile[],
): CheckCache | undefined {
  if (!settings || files.some((file) => file.digest === undefined)) return undefined;
  const key = createHash('sha256').update(settings.build);
  for (const file of files)
    key.update(`\0${path.resolve(file.path)}\0${file.path}\0${file.digest}`);
  const entryFile = path.join(settings.dir, `check-${key.digest('hex')}.json`);
  return {
    lookup: () => readCheck(entryFile),
    store: async (summary, assets) => {
      const entry: CheckEntry = { summary, assets: assets.map((a) => [a, digestOf(a) ?? '']) };
      try {
        await mkdir(settings.dir, { recursive: true });
        const aside = `${entryFile}.${process.pid}.tmp`;
        await writeFile(aside, JSON.stringify(entry));
        await rename(aside, entryFile);
        await keepNewest(settings.dir);
      } catch {
        // The next run checks the configuration again; nothing is lost.
      }
    },
  };
}

function readCheck(file: string): ConfigSummary | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as CheckEntry;
    const assetsSame = entry.assets.every(([asset, digest]) => (digestOf(asset) ?? '') === digest);
    return assetsSame && Array.isArray(entry.summary?.diagnostics) ? entry.summary : undefined;
  } catch {
    return undefined;
  }
}

function digestOf(file: string): string | undefined {
  try {
    return bytesDigest(readFileSync(file));
  } catch {
    return undefined;
  }
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
