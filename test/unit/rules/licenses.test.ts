import { describe, expect, test } from 'vitest';
import { checkYaml } from '../../helpers/check-yaml.js';
import { docs, lineOf, resource, tenant } from './fixtures.js';

const users = (license: string, count: number) =>
  Array.from({ length: count }, (_, i) =>
    resource('User', `u${i}-${license}@acme.example`, `  license: ${license}\n`),
  );

describe('LICENSE_OVER_ALLOCATED', () => {
  test('more standard users than licenses.standard is an error at that count', () => {
    const file = docs(
      tenant('acme', '  licenses:\n    standard: 2\n    premium: 5\n'),
      ...users('standard', 3),
      ...users('premium', 1),
    );
    expect(checkYaml({ 'x.yaml': file })).toEqual([
      expect.objectContaining({
        code: 'LICENSE_OVER_ALLOCATED',
        line: lineOf(file, 'standard: 2'),
        message: '3 users of tenant acme hold a standard license, but licenses.standard is 2',
      }),
    ]);
  });

  test('premium is counted separately', () => {
    const file = docs(
      tenant('acme', '  licenses:\n    standard: 9\n    premium: 0\n'),
      ...users('premium', 1),
    );
    expect(checkYaml({ 'x.yaml': file })).toEqual([
      expect.objectContaining({ code: 'LICENSE_OVER_ALLOCATED', line: lineOf(file, 'premium: 0') }),
    ]);
  });

  test('exactly enough licenses, or no licenses block, passes', () => {
    const enough = docs(
      tenant('acme', '  licenses:\n    standard: 2\n'),
      ...users('standard', 2),
      ...users('none', 3),
    );
    expect(checkYaml({ 'x.yaml': enough })).toEqual([]);
    expect(checkYaml({ 'x.yaml': docs(tenant(), ...users('premium', 4)) })).toEqual([]);
  });
});
