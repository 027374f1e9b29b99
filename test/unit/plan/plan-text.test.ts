import { describe, expect, test } from 'vitest';
import { renderPlanText } from '../../../src/cli/render/render-plan.js';
import type { ResourceValue } from '../../../src/model/model.js';
import { assemblePlan, changeFields } from '../../../src/plan/make-plan.js';
import type { Action, ResourceChange } from '../../../src/model/plan.js';
import { samplePlan } from './sample-plan.js';

describe('renderPlanText', () => {
  const text = renderPlanText(samplePlan(), false);
  const lines = text.split('\n');

  test('header names the scopes and their base revisions', () => {
    expect(lines[0]).toBe('ccac plan against acme at revision 7');
  });

  test('deletions come first, in their own section', () => {
    const deletions = lines.indexOf('Deletions (1):');
    const changes = lines.indexOf('Changes (3):');
    expect(deletions).toBeGreaterThan(0);
    expect(changes).toBeGreaterThan(deletions);
    expect(lines[deletions + 2]).toBe('  - acme/Team/Old will be deleted');
    expect(lines[deletions + 3]).toBe('      - spec.description: "to go"');
  });

  test('a create lists its fields compactly', () => {
    expect(text).toContain(
      [
        '  + acme/EntryPoint/Sales_Chat will be created',
        '      + labels.team: "sales"',
        '      + spec.active: true',
        '      + spec.channelType: "chat"',
        '      + spec.flow: "Sales"',
      ].join('\n'),
    );
  });

  test('an update shows each field before → after, added fields, and sets item by item', () => {
    expect(text).toContain(
      [
        '  ~ acme/Queue/Q1 will be updated',
        '      ~ spec.agents:',
        '          - "bob@acme.example"',
        '          + "cat@acme.example"',
        '      + spec.serviceLevelThresholdSeconds: 20',
        '      ~ spec.wrapUp.timeoutSeconds: 30 → 60',
      ].join('\n'),
    );
  });

  test('a long text is shown as a line diff of the changed hunk only', () => {
    const start = lines.indexOf('      ~ spec.definition:');
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toBe('          @@ -18,7 +18,7 @@');
    expect(lines).toContain('          -  "step20": "x",');
    expect(lines).toContain('          +  "step20": "changed",');
    expect(text).not.toContain('"step5"');
    expect(lines).toContain('      ~ spec.type: "event" → "routing"');
  });

  test('diagnostics follow the changes, then the closing count line', () => {
    const diagnostic = lines.findIndex((l) => l.startsWith('acme/entry-points.yaml:8:9: warning'));
    expect(diagnostic).toBeGreaterThan(lines.indexOf('Changes (3):'));
    expect(lines).toContain('acme/Team/Old: error REF_IN_USE team "Old" is still referenced');
    expect(lines.at(-2)).toBe(
      'Plan: 1 to create, 2 to update, 1 to delete. Blocked by 1 error: nothing can be applied.',
    );
    expect(text.endsWith('\n')).toBe(true);
  });

  test("a create's or delete's fields read the same from its values as when listed", () => {
    const plan = assemblePlan({
      scopes: { acme: { baseRevision: 7 } },
      diagnostics: [],
      changes: [
        change('create', {
          labels: { 'cost center': 'x', team: 'sales' },
          spec: { shifts: [{ start: '09:00', end: '17:00' }], definition: 'a\nb\n', nested: {} },
        }),
        change('delete', { spec: { channelType: 'chat', agents: ['b', 'a'], wrapUp: { s: 30 } } }),
      ],
    });
    const listed = {
      ...plan,
      changes: plan.changes.map((c) => ({ ...c, fields: changeFields(c) })),
    };
    for (const color of [false, true])
      expect(renderPlanText(plan, color)).toBe(renderPlanText(listed, color));
    expect(renderPlanText(plan, false)).toContain(
      [
        '  + acme/Team/create will be created',
        '      + labels["cost center"]: "x"',
        '      + labels.team: "sales"',
        '      + spec.definition: (text, 2 lines)',
        '      + spec.shifts: [{"end":"17:00","start":"09:00"}]',
      ].join('\n'),
    );
  });

  test('no colour codes without a TTY; colours with one', () => {
    expect(text).not.toContain('\u001b[');
    expect(renderPlanText(samplePlan(), true)).toContain('\u001b[');
  });

  test('no changes', () => {
    const empty = assemblePlan({
      scopes: { acme: { baseRevision: 3 } },
      changes: [],
      diagnostics: [],
    });
    expect(renderPlanText(empty, false)).toBe(
      'No changes. The stored state matches the configuration.\n',
    );
  });
});

/** A change of any value: the renderer shows whatever a value holds. */
function change(
  action: Exclude<Action, 'update'>,
  shown: { labels?: Record<string, string>; spec: Record<string, unknown> },
): ResourceChange {
  const value = shown as ResourceValue;
  const address = `acme/Team/${action}`;
  const values =
    action === 'create' ? { before: null, after: value } : { before: value, after: null };
  return { address, tenant: 'acme', kind: 'Team', name: action, action, ...values };
}
