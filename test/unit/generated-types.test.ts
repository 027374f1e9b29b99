import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import { generateTypes } from '../../scripts/generate-types.mjs';

test('src/generated/config-types.ts matches schemas/ (run npm run gen when this fails)', async () => {
  const committed = await readFile(
    new URL('../../src/generated/config-types.ts', import.meta.url),
    'utf8',
  );
  expect(await generateTypes()).toBe(committed);
});
