import { describe, expect, test } from 'vitest';
import { renderPlanJson } from '../../../src/cli/render/plan-json.js';
import { samplePlan } from './sample-plan.js';

describe('renderPlanJson', () => {
  const json = renderPlanJson(samplePlan());
  const parsed = JSON.parse(json) as ReturnType<typeof samplePlan>;

  test('top-level, change, field and diagnostic keys in SPEC §5 order (with `destroy` after the scopes)', () => {
    expect(Object.keys(parsed)).toEqual([
      'formatVersion',
      'tenants',
      'destroy',
      'changes',
      'diagnostics',
      'summary',
    ]);
    expect(parsed.formatVersion).toBe(1);
    expect(parsed.tenants).toEqual({ acme: { baseRevision: 7 } });
    expect(parsed.destroy).toEqual([]);
    for (const change of parsed.changes) {
      expect(Object.keys(change)).toEqual([
        'address',
        'tenant',
        'kind',
        'name',
        'action',
        'before',
        'after',
        'fields',
      ]);
    }
    const warning = parsed.diagnostics.find((d) => d.severity === 'warning')!;
    expect(Object.keys(warning)).toEqual([
      'severity',
      'code',
      'message',
      'address',
      'file',
      'line',
      'column',
    ]);
    expect(Object.keys(parsed.summary)).toEqual(['create', 'update', 'delete']);
  });

  test('a create has before null, a delete after null; fields omit the absent side', () => {
    const create = parsed.changes.find((c) => c.action === 'create')!;
    const del = parsed.changes.find((c) => c.action === 'delete')!;
    expect(create.before).toBeNull();
    expect(del.after).toBeNull();
    expect(del.fields).toEqual([{ path: 'spec.description', before: 'to go' }]);
    const queue = parsed.changes.find((c) => c.address === 'acme/Queue/Q1')!;
    expect(queue.fields).toContainEqual({ path: 'spec.serviceLevelThresholdSeconds', after: 20 });
  });

  test('pretty-printed, newline-terminated, and the same plan gives the same bytes', () => {
    expect(json.startsWith('{\n  "formatVersion": 1,\n  "tenants": {')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
    expect(renderPlanJson(samplePlan())).toBe(json);
  });

  test('value keys are sorted whatever order the plan object was built in', () => {
    const plan = samplePlan();
    const change = plan.changes.find((c) => c.action === 'create')!;
    change.after = {
      spec: { flow: 'Sales', channelType: 'chat', active: true } as never,
      labels: { team: 'sales' },
    };
    expect(renderPlanJson(plan)).toBe(json);
  });
});
