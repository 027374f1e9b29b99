import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layers in eslint.config.js: an import pointing up a layer is a lint error, so `npm run lint`
 * fails on it. Each case lints a file that is not on disk at a path inside src/ (its imports are
 * real files), with the repository's own configuration.
 */
const eslint = new ESLint();

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'boundaries/dependencies')
    .map((message) => message.message);
}

describe('the layers are enforced by lint', () => {
  it.each([
    ['the model importing the cli', 'src/model/upward.ts', '../cli/main.js'],
    ['the store importing the cli', 'src/store/upward.ts', '../cli/options.js'],
    ['the pure core importing the store', 'src/plan/upward.ts', '../store/sql-state-store.js'],
    [
      'a webex mapping importing the webex client',
      'src/webex/mapping/upward.ts',
      '../client/webex-client.js',
    ],
    ['diagnostics importing the model', 'src/diagnostics/upward.ts', '../model/kinds.js'],
    ['an operation importing the cli', 'src/operations/upward.ts', '../cli/options.js'],
  ])('refuses %s', async (_name, filePath, source) => {
    const errors = await boundaryErrors(
      filePath,
      `import * as up from '${source}';\nexport { up };\n`,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/no policy allowing dependencies/);
  });

  it.each([
    [
      'the cli importing an operation',
      'src/cli/commands/downward.ts',
      '../../operations/read-report-data.js',
    ],
    ['the store importing the model', 'src/store/downward.ts', '../model/kinds.js'],
    ['the pure core importing the model', 'src/plan/downward.ts', '../model/kinds.js'],
    ['the webex client importing webex entities', 'src/webex/client/downward.ts', '../entities.js'],
  ])('allows %s', async (_name, filePath, source) => {
    expect(
      await boundaryErrors(filePath, `import * as down from '${source}';\nexport { down };\n`),
    ).toEqual([]);
  });
});
