import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { generateShaped } from '../../bench/generate.mjs';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The bench's shapes (bench/shapes.mjs) write the same resources with the same values as the
 * generator, only differently: else a shape's timings would compare different configurations.
 */

async function resourcesIn(dir: string): Promise<unknown[]> {
  const names = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.yaml'));
  const resources: unknown[] = [];
  for (const name of names.sort()) {
    const text = await readFile(path.join(dir, name), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      expect(doc.errors).toEqual([]);
      const value = doc.toJS() as { kind: string; items?: unknown[] };
      resources.push(...(value.kind === 'List' ? (value.items ?? []) : [value]));
    }
  }
  const key = (r: unknown) => JSON.stringify(r);
  return resources.sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

const SHAPES = ['lists', 'flow', 'quoted'] as const;

describe.each([false, true])('moved %s', (moved) => {
  test.each(SHAPES)('%s holds the generator’s resources', async (shape) => {
    const [generator, shaped] = [await tempDir(), await tempDir()];
    const expected = await generateShaped(generator, 1000, { shape: 'generator', moved });
    const written = await generateShaped(shaped, 1000, { shape, moved });
    expect(written.changed).toBe(expected.changed);
    const [want, got] = [await resourcesIn(generator), await resourcesIn(shaped)];
    expect(got).toHaveLength(1001);
    expect(got).toEqual(want);
  });
});

test('each shape looks as it says', async () => {
  const texts = async (shape: (typeof SHAPES)[number]) => {
    const dir = await tempDir();
    await generateShaped(dir, 1000, { shape, moved: false });
    return (
      await Promise.all(
        (await readdir(dir, { recursive: true }))
          .filter((n) => n.endsWith('.yaml'))
          .map((n) => readFile(path.join(dir, n), 'utf8')),
      )
    ).join('\n');
  };
  const lists = await texts('lists');
  expect(lists.match(/^kind: List$/gm)?.length).toBeGreaterThan(4);
  expect(lists).toMatch(/users-list|kind: List\nitems:\n {2}- apiVersion/);
  expect(await texts('flow')).toMatch(/^ {2}agents: \[agent\d+@/m);
  const quoted = await texts('quoted');
  expect(quoted).toMatch(/^# User /m);
  expect(quoted).toMatch(/^ {2}displayName: "Agent 0-\d+"$/m);
});

test('the 1% change changes one resource in a hundred', async () => {
  const written = await generateShaped(await tempDir(), 10000, { shape: 'generator', moved: true });
  expect(written.changed / written.resources).toBeCloseTo(0.01, 3);
});
