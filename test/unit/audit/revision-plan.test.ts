import { expect, test } from 'vitest';
import { revisionPlan } from '../../../src/audit/revision-plan.js';
import type { StoredChange } from '../../../src/model/revision.js';
import type { RevisionRecord } from '../../../src/model/revision.js';

test('a stored revision becomes the plan it applied: base revision, tenants, fields, summary', () => {
  const record = { scope: 'acme', revision: 4 } as RevisionRecord;
  const changes: StoredChange[] = [
    {
      scope: 'acme',
      revision: 4,
      address: 'acme/Queue/sales',
      kind: 'Queue',
      name: 'sales',
      action: 'update',
      before: { spec: { maxWait: 60 } } as never,
      after: { spec: { maxWait: 90 } } as never,
    },
    {
      scope: 'acme',
      revision: 4,
      address: 'Tenant/acme',
      kind: 'Tenant',
      name: 'acme',
      action: 'create',
      before: null,
      after: { spec: { timezone: 'UTC' } } as never,
    },
  ];
  const plan = revisionPlan(record, changes);
  expect(plan.tenants).toEqual({ acme: { baseRevision: 3 } });
  expect(plan.summary).toEqual({ create: 1, update: 1, delete: 0 });
  expect(plan.changes.map((c) => [c.address, c.tenant])).toEqual([
    ['Tenant/acme', 'acme'],
    ['acme/Queue/sales', 'acme'],
  ]);
  expect(plan.changes[1]!.fields).toEqual([{ path: 'spec.maxWait', before: 60, after: 90 }]);
});
