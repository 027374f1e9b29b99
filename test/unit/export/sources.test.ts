import { describe, expect, test } from 'vitest';
import { describeOperand, parseOperand } from '../../../src/sources/operand.js';
import { parseIgnoreFile, selectConfigFiles } from '../../../src/config/config-file-names.js';

describe('parseOperand', () => {
  test.each([
    ['live', { type: 'live' }],
    ['./live', { type: 'path', path: './live' }],
    ['rev:0', { type: 'revision', id: 0 }],
    ['rev:12', { type: 'revision', id: 12 }],
    ['git:HEAD', { type: 'git', ref: 'HEAD', path: undefined }],
    ['git:HEAD~1:examples', { type: 'git', ref: 'HEAD~1', path: 'examples' }],
    ['git:origin/main:a/b.yaml', { type: 'git', ref: 'origin/main', path: 'a/b.yaml' }],
    ['config/', { type: 'path', path: 'config/' }],
  ])('%s', (text, operand) => {
    expect(parseOperand(text)).toEqual({ operand });
    expect(describeOperand(operand as never)).toBe(text === 'git:HEAD' ? 'git:HEAD' : text);
  });

  test.each(['rev:', 'rev:x', 'rev:-1', 'rev:01', 'git:', 'git::x', 'git:--output=x', ''])(
    '%j is refused with a hint',
    (text) => {
      expect(parseOperand(text)).toHaveProperty('problem');
    },
  );
});

describe('selectConfigFiles', () => {
  test('YAML files only; hidden, node_modules and .ccacignore names left out', () => {
    const ignores = new Map([
      ['', parseIgnoreFile('# comment\nbroken/\n')],
      ['a', new Set(['skip.yaml'])],
    ]);
    expect(
      selectConfigFiles(
        [
          'orgs.yaml',
          'a/users.yml',
          'a/skip.yaml',
          'a/flows/x.json',
          'broken/bad.yaml',
          '.git/x.yaml',
          'a/.hidden.yaml',
          'node_modules/p/x.yaml',
          'a/broken/ok.yaml',
        ],
        ignores,
      ),
    ).toEqual(['orgs.yaml', 'a/users.yml', 'a/broken/ok.yaml']);
  });
});
