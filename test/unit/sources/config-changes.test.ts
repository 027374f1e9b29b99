import { describe, expect, test } from 'vitest';
import { changedPaths, isConfigurationFile } from '../../../src/sources/config-changes.js';

describe('changedPaths: git status --porcelain=v1 -z', () => {
  test('each entry’s path; a rename’s old path too; names with spaces and arrows as they are', () => {
    const porcelain = [
      ' M cfg/teams.yaml',
      '?? cfg/new team.yaml',
      'R  cfg/b -> c.yaml',
      'cfg/a.yaml',
      ' D cfg/gone.yaml',
      '',
    ].join('\0');
    expect(changedPaths(porcelain)).toEqual([
      'cfg/teams.yaml',
      'cfg/new team.yaml',
      'cfg/b -> c.yaml',
      'cfg/a.yaml',
      'cfg/gone.yaml',
    ]);
    expect(changedPaths('')).toEqual([]);
  });
});

describe('isConfigurationFile: what ccac reads of a configuration', () => {
  const places = { folders: ['/repo/cfg'], files: ['/repo/flows/main.json', '/repo/one.txt'] };
  test.each([
    ['/repo/cfg/teams.yaml', true],
    ['/repo/cfg/acme/queues.YML', true],
    ['/repo/flows/main.json', true],
    ['/repo/one.txt', true],
    ['/repo/cfg/plan.json', false],
    ['/repo/cfg/.drafts/team.yaml', false],
    ['/repo/cfg/.hidden.yaml', false],
    ['/repo/cfg/node_modules/x/team.yaml', false],
    ['/repo/other/team.yaml', false],
    ['/repo/cfg-old/team.yaml', false],
  ])('%s: %s', (file, expected) => {
    expect(isConfigurationFile(file, places)).toBe(expected);
  });
});
