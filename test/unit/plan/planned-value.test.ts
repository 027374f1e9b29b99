import { describe, expect, test } from 'vitest';
import { knownHashes, plannedValue } from '../../../src/plan/planned-value.js';
import { model, res, tenant } from './fixtures.js';

describe('plannedValue', () => {
  const resources = [
    ...model(
      tenant('acme'),
      res('Team', 'T', 'acme', { description: 'x' }, { site: 'ams' }),
    ).byAddress.values(),
  ];

  test('is the resource’s labels and spec, and nothing more that anyone sees', () => {
    for (const resource of resources) {
      const value = plannedValue(resource);
      const plain = resource.labels
        ? { labels: resource.labels, spec: resource.spec }
        : { spec: resource.spec };
      expect(value).toStrictEqual(plain);
      expect(JSON.stringify(value)).toBe(JSON.stringify(plain));
      expect(Object.keys(value)).toEqual(Object.keys(plain));
      expect(Reflect.ownKeys({ ...value })).toEqual(Object.keys(plain));
      expect(Reflect.ownKeys(structuredClone(value))).toEqual(Object.keys(plain));
    }
  });

  test('its hash is known from its model while it holds its resource’s own spec and labels, and only then', () => {
    const from = model(
      tenant('acme'),
      res('Team', 'T', 'acme', { description: 'x' }, { site: 'ams' }),
    );
    const known = knownHashes(from);
    const team = [...from.byAddress.values()].find((r) => r.kind === 'Team')!;
    const hashOf = (value: ReturnType<typeof plannedValue>) => known(team.address, value);
    expect(hashOf(plannedValue(team))).toBe(team.hash);
    expect(hashOf({ ...plannedValue(team) })).toBe(team.hash);
    expect(known('acme/Team/other', plannedValue(team))).toBeUndefined();
    const respecced = plannedValue(team);
    respecced.spec = { ...respecced.spec };
    expect(hashOf(respecced)).toBeUndefined();
    const relabelled = plannedValue(team);
    relabelled.labels = { site: 'ams' };
    expect(hashOf(relabelled)).toBeUndefined();
    expect(hashOf({ spec: team.spec })).toBeUndefined();
  });
});
