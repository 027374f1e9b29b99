import { describe, expect, test } from 'vitest';
import { Model } from '../../../src/model/model.js';
import type { ResourceChange } from '../../../src/model/plan.js';
import { projectChanges } from '../../../src/plan/project-changes.js';
import { plannedValue, valueHash } from '../../../src/plan/planned-value.js';
import { model, res, tenant } from './fixtures.js';

describe('projectChanges', () => {
  const stored = model(tenant('acme'), res('Team', 'T', 'acme', { description: 'x' }));
  const team = stored.get('Team', 'T', 'acme')!;
  // Keys out of order, as a hand-made plan may have them: the hash is of the content.
  const after = { spec: { ...team.spec, description: 'y' }, labels: { site: 'ams' } };
  const update: ResourceChange = {
    address: team.address,
    tenant: 'acme',
    kind: 'Team',
    name: 'T',
    action: 'update',
    before: plannedValue(team),
    after,
  };

  test('takes a known hash for a changed value, the same as the one made from it', () => {
    const made = projectChanges(stored, [update]).get('Team', 'T', 'acme')!;
    expect(made.hash).toBe(valueHash(after, team.address));
    const known = projectChanges(stored, [update], (_address, value) =>
      value === after ? made.hash : undefined,
    ).get('Team', 'T', 'acme')!;
    expect(known.hash).toBe(made.hash);
    expect(plannedValue(known)).toStrictEqual(plannedValue(made));
    expect(valueHash(plannedValue(known), team.address)).toBe(known.hash);
  });

  test('keeps the unchanged resources and drops the deleted ones', () => {
    const gone: ResourceChange = { ...update, action: 'delete', after: null };
    expect(projectChanges(stored, [gone]).get('Team', 'T', 'acme')).toBeUndefined();
    expect(projectChanges(stored, []).size).toBe(stored.size);
    expect(projectChanges(new Model(), []).size).toBe(0);
  });
});
