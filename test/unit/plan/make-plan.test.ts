import { describe, expect, test } from 'vitest';
import { error, warning } from '../../../src/diagnostics/diagnostic.js';
import type { ModelResource } from '../../../src/model/model.js';
import { assemblePlan, changeFields, planChanges } from '../../../src/plan/make-plan.js';
import { summarize } from '../../../src/model/plan.js';
import { renderPlanJson } from '../../../src/cli/render/plan-json.js';
import { model, res, systemEntryPoint, tenant } from './fixtures.js';

const acme = new Set(['acme']);

describe('planChanges', () => {
  test('creates, updates and deletes, sorted by address, unchanged resources left out', () => {
    const desired = model(
      tenant('acme'),
      systemEntryPoint('acme'),
      res('Team', 'Sales', 'acme', { description: 'sales' }),
      res('Queue', 'Q1', 'acme', {
        channelType: 'chat',
        direction: 'inbound',
        agents: ['a@acme.example'],
      }),
    );
    const stored = model(
      tenant('acme'),
      systemEntryPoint('acme'),
      res('Queue', 'Q1', 'acme', { channelType: 'chat', direction: 'inbound' }),
      res('Team', 'Old', 'acme', { description: 'old' }),
    );
    const changes = planChanges(desired, stored, acme);
    expect(changes.map((c) => [c.action, c.address])).toEqual([
      ['update', 'acme/Queue/Q1'],
      ['delete', 'acme/Team/Old'],
      ['create', 'acme/Team/Sales'],
    ]);
    const [update, del, create] = changes;
    expect(update!.fields).toEqual([{ path: 'spec.agents', after: ['a@acme.example'] }]);
    expect(update!.before).toEqual({ spec: { channelType: 'chat', direction: 'inbound' } });
    expect(del).toMatchObject({ tenant: 'acme', kind: 'Team', name: 'Old', after: null });
    // A create's or delete's fields are its one value's leaves, listed when asked for.
    expect(del!.fields).toBeUndefined();
    expect(changeFields(del!)).toEqual([{ path: 'spec.description', before: 'old' }]);
    expect(create).toMatchObject({ before: null, after: { spec: { description: 'sales' } } });
    expect(changeFields(create!)).toEqual([{ path: 'spec.description', after: 'sales' }]);
    expect(summarize(changes)).toEqual({ create: 1, update: 1, delete: 1 });
  });

  test('before/after hold only labels and spec (no hash, no origin)', () => {
    const desired = model(res('Team', 'T', 'acme', { description: 'x' }, { team: 'sales' }));
    const [change] = planChanges(desired, model(), acme);
    expect(change!.after).toEqual({ labels: { team: 'sales' }, spec: { description: 'x' } });
    expect(Object.keys(change!.after!)).toEqual(['labels', 'spec']);
  });

  test('a Tenant change belongs to the tenant itself, an Organization to no tenant', () => {
    const desired = model(
      tenant('acme'),
      res('Organization', 'partner', null, { type: 'partner' }),
    );
    const changes = planChanges(desired, model(), new Set(['acme', '_global']));
    expect(changes.map((c) => [c.address, c.tenant])).toEqual([
      ['Organization/partner', null],
      ['Tenant/acme', 'acme'],
    ]);
  });

  test('only the planned scopes are compared', () => {
    const desired = model(
      tenant('acme'),
      res('Team', 'A', 'acme', {}),
      res('Organization', 'p', null, { type: 'partner' }),
    );
    const stored = model(tenant('globex'), res('Team', 'G', 'globex', {}));
    expect(planChanges(desired, stored, acme).map((c) => c.address)).toEqual([
      'Tenant/acme',
      'acme/Team/A',
    ]);
    expect(
      planChanges(desired, stored, new Set(['globex'])).map((c) => [c.action, c.address]),
    ).toEqual([
      ['delete', 'Tenant/globex'],
      ['delete', 'globex/Team/G'],
    ]);
    expect(planChanges(desired, stored, new Set(['_global'])).map((c) => c.address)).toEqual([
      'Organization/p',
    ]);
  });

  test('the system entry point of a tenant that stays is never deleted', () => {
    const stored = model(tenant('acme'), systemEntryPoint('acme'));
    expect(planChanges(model(tenant('acme')), stored, acme)).toEqual([]);
  });

  test('the system entry point may still be updated (supportNumbers, description)', () => {
    const changed = res('EntryPoint', 'Outdial Transfer to Queue', 'acme', {
      ...systemEntryPoint('acme').spec,
      description: 'outdial',
    });
    const changes = planChanges(
      model(tenant('acme'), changed),
      model(tenant('acme'), systemEntryPoint('acme')),
      acme,
    );
    expect(changes.map((c) => [c.action, c.address])).toEqual([
      ['update', 'acme/EntryPoint/Outdial Transfer to Queue'],
    ]);
  });

  test('deleting a tenant deletes all of its resources, the system entry point included', () => {
    const stored = model(tenant('acme'), systemEntryPoint('acme'), res('Team', 'T', 'acme', {}));
    expect(planChanges(model(), stored, acme).map((c) => [c.action, c.address])).toEqual([
      ['delete', 'Tenant/acme'],
      ['delete', 'acme/EntryPoint/Outdial Transfer to Queue'],
      ['delete', 'acme/Team/T'],
    ]);
  });

  test('a resource equal by hash yields no change even when object identity differs', () => {
    const a = res('Queue', 'Q', 'acme', { channelType: 'chat', direction: 'inbound' });
    const b = res('Queue', 'Q', 'acme', { direction: 'inbound', channelType: 'chat' });
    expect(planChanges(model(a), model(b), acme)).toEqual([]);
  });

  test('plans 100,000 resources, comparing by hash and diffing only what changed', () => {
    // Hashes are made up here (sha256 of 200k values would dominate the test's time).
    const queue = (i: number, hash: string, sla: number): ModelResource => ({
      kind: 'Queue',
      name: `Q${i}`,
      tenant: 'acme',
      address: `acme/Queue/Q${i}`,
      spec: { channelType: 'chat', direction: 'inbound', serviceLevelThresholdSeconds: sla },
      hash,
    });
    const desired: ModelResource[] = [];
    const stored: ModelResource[] = [];
    for (let i = 0; i < 100_000; i++) {
      desired.push(i % 100 === 0 ? queue(i, 'b', 30) : queue(i, 'a', 20));
      if (i % 1000 !== 0) stored.push(queue(i, 'a', 20));
    }
    const [d, s] = [model(...desired), model(...stored)];
    // How long it takes is the benchmark's to say (`npm run bench`); here, what it finds.
    const changes = planChanges(d, s, acme);
    expect(summarize(changes)).toEqual({ create: 100, update: 900, delete: 0 });
  });
});

describe('assemblePlan', () => {
  const desired = model(
    tenant('acme'),
    res('Team', 'B', 'acme', { description: 'b' }, { team: 'x' }),
    res('Team', 'A', 'acme', { description: 'a' }),
    res('Queue', 'Q', 'acme', { channelType: 'chat', direction: 'inbound', agents: ['x', 'y'] }),
  );
  const stored = model(
    tenant('acme'),
    res('Queue', 'Q', 'acme', { channelType: 'chat', direction: 'inbound' }),
  );
  const diagnostics = [
    warning('TENANT_VPOP_DEPRECATED', 'vpop', { place: { file: 'b.yaml', line: 3, column: 1 } }),
    error('ROLE_EXCLUSIVE', 'two roles', {
      address: 'acme/User/a',
      place: { file: 'a.yaml', line: 9, column: 5 },
    }),
  ];

  test('formatVersion 1, scopes sorted, diagnostics sorted, summary counted', () => {
    const plan = assemblePlan({
      scopes: { globex: { baseRevision: 0 }, acme: { baseRevision: 7 } },
      changes: planChanges(desired, stored, acme),
      diagnostics,
    });
    expect(Object.keys(plan)).toEqual([
      'formatVersion',
      'tenants',
      'destroy',
      'changes',
      'diagnostics',
      'summary',
    ]);
    expect(plan.formatVersion).toBe(1);
    expect(plan.destroy).toEqual([]);
    expect(Object.keys(plan.tenants)).toEqual(['acme', 'globex']);
    expect(plan.diagnostics.map((d) => d.code)).toEqual([
      'ROLE_EXCLUSIVE',
      'TENANT_VPOP_DEPRECATED',
    ]);
    expect(plan.summary).toEqual({ create: 2, update: 1, delete: 0 });
  });

  test('the same input in any order gives byte-identical JSON', () => {
    const render = (reverse: boolean) => {
      const order = <T>(xs: T[]) => (reverse ? [...xs].reverse() : xs);
      const d = model(...order([...desired.byAddress.values()]));
      const s = model(...order([...stored.byAddress.values()]));
      const scopes = reverse
        ? { globex: { baseRevision: 0 }, acme: { baseRevision: 7 } }
        : { acme: { baseRevision: 7 }, globex: { baseRevision: 0 } };
      const changes = order(planChanges(d, s, acme));
      return renderPlanJson(assemblePlan({ scopes, changes, diagnostics: order(diagnostics) }));
    };
    expect(render(true)).toBe(render(false));
  });
});
