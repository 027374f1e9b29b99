import { describe, expect, test } from 'vitest';
import { isPlainRelativePath, tenantFolder } from '../../../src/export/path-segment.js';

describe('tenantFolder: a tenant name as a folder of the export', () => {
  test.each(['acme', 'vandijk-retail', 'a_1', '0'])('%s is its own folder', (name) => {
    expect(tenantFolder(name)).toBe(name);
  });

  test.each(['con', 'nul', 'aux', 'prn', 'com1', 'lpt9'])(
    "%s, a Windows device name, is '_'-prefixed (no tenant name starts with '_')",
    (name) => {
      expect(tenantFolder(name)).toBe(`_${name}`);
      expect(tenantFolder(`_${name}`)).toBeUndefined();
    },
  );

  test.each([
    '../../../../tmp/x',
    '..',
    '.',
    '.hidden',
    'a/b',
    '/etc',
    'a\\b',
    'nul\u0000byte',
    'line\nbreak',
    '\u001b[31mred',
    'Acme',
    '',
    'x'.repeat(64),
  ])('%j is refused', (name) => {
    expect(tenantFolder(name)).toBeUndefined();
  });
});

describe('isPlainRelativePath: what the export writer writes or removes', () => {
  test.each(['organizations.yaml', 'acme/tenant.yaml', 'acme/flows/x-0123abcd.json'])(
    '%s stays inside',
    (file) => expect(isPlainRelativePath(file)).toBe(true),
  );

  test.each(['', '/etc/passwd', '../x', 'a/../../x', 'a//b', 'a/./b', 'a\\..\\b', 'a/b\u0000'])(
    '%j is refused',
    (file) => expect(isPlainRelativePath(file)).toBe(false),
  );
});
