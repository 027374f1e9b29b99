import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import { generateTypes } from '../../scripts/generate-types.mjs';
// @ts-expect-error: a plain .mjs build script without types
import { generateWebexTypes } from '../../scripts/generate-webex-types.mjs';

test('src/generated/config-types.ts matches schemas/ (run npm run gen when this fails)', async () => {
  const committed = await readFile(
    new URL('../../src/generated/config-types.ts', import.meta.url),
    'utf8',
  );
  expect(await generateTypes()).toBe(committed);
});

test('src/generated/webex-*.ts match the vendored Webex subsets (run npm run gen when this fails)', async () => {
  const files = (await generateWebexTypes()) as [string, string][];
  expect(files.map(([file]) => path.basename(file))).toEqual([
    'webex-contact-center.ts',
    'webex-admin.ts',
  ]);
  for (const [file, text] of files) {
    // A boolean, not the texts: a diff of two 700 kB files says less than the file's name.
    const current = text === (await readFile(file, 'utf8'));
    expect(current, `${path.relative('.', file)} is stale`).toBe(true);
  }
});
