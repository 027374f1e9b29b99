import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readAssets, readConfigFiles } from '../../../src/workspace/read-config-files.js';
import { SYSTEM_ENTRY_POINT } from '../../../src/model/kinds.js';
import type { DeclaredResource } from '../../../src/model/resource.js';
import { assetsNeeded, checkConfig, loadConfig } from '../../../src/config/check-config.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../examples');

/**
 * The declarations as the parse cache hands them over: the canonical value known, the spec as
 * written behind a getter (the cache re-parses the file for it), here counting who reads it.
 */
function asCached(resources: readonly DeclaredResource[]) {
  const reads: string[] = [];
  const declared = resources.map((resource) => {
    if (!resource.canonical) return resource;
    const { spec, ...rest } = resource;
    const cached = { ...rest } as DeclaredResource;
    Object.defineProperty(cached, 'spec', {
      enumerable: true,
      get: () => {
        reads.push(resource.address);
        return spec;
      },
    });
    return cached;
  });
  return { declared, reads };
}

async function check(paths: string[]) {
  const read = await readConfigFiles(paths);
  const loaded = loadConfig(read.files);
  const assets = readAssets(assetsNeeded(loaded.resources), read.folders);
  const plain = checkConfig(loaded.resources, loaded.diagnostics, assets).diagnostics;
  const cached = asCached(loaded.resources);
  const lazy = checkConfig(cached.declared, loaded.diagnostics, assets).diagnostics;
  return { plain, lazy, reads: cached.reads };
}

describe('rules read a cached declaration only to report', () => {
  test('a clean configuration: only declared system entry points are read', async () => {
    const { plain, lazy, reads } = await check([
      path.join(EXAMPLES, 'organizations.yaml'),
      path.join(EXAMPLES, 'vandijk-retail'),
      path.join(EXAMPLES, 'alnoor-bank'),
    ]);
    expect(plain.filter((d) => d.severity === 'error')).toEqual([]);
    expect(lazy).toEqual(plain);
    expect(reads.filter((address) => !address.endsWith(`/${SYSTEM_ENTRY_POINT}`))).toEqual([]);
  });

  test('each broken example reports the same places as with the spec at hand', async () => {
    const broken = path.join(EXAMPLES, 'broken');
    for (const file of readdirSync(broken).filter((f) => f.endsWith('.yaml'))) {
      const { plain, lazy } = await check([path.join(broken, file)]);
      expect(lazy, file).toEqual(plain);
    }
  });
});
