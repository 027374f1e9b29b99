import { describe, expect, test } from 'vitest';
import { MARKDOWN_LIMIT, renderPlanMarkdown } from '../../../src/cli/render/plan-markdown.js';
import { assemblePlan, planChanges } from '../../../src/plan/make-plan.js';
import { model, res, tenant } from './fixtures.js';
import { samplePlan } from './sample-plan.js';

describe('renderPlanMarkdown', () => {
  const markdown = renderPlanMarkdown(samplePlan());
  const lines = markdown.split('\n');

  test('a summary table of counts per tenant and kind, with totals', () => {
    expect(lines).toContain('| Tenant | Kind | Create | Update | Delete |');
    expect(lines).toContain('| acme | Team | 0 | 0 | 1 |');
    expect(lines).toContain('| acme | Queue | 0 | 1 | 0 |');
    expect(lines).toContain('| acme | EntryPoint | 1 | 0 | 0 |');
    expect(lines).toContain('| **Total** | | **1** | **2** | **1** |');
    expect(lines).toContain(
      '**Plan: 1 to create, 2 to update, 1 to delete. Blocked by 1 error: nothing can be applied.**',
    );
  });

  test('deletions first, in a visible section, then the other changes', () => {
    const deletions = lines.indexOf('### ⚠ Deletions (1)');
    const changes = lines.indexOf('### Changes (3)');
    expect(deletions).toBeGreaterThan(lines.indexOf('| **Total** | | **1** | **2** | **1** |'));
    expect(changes).toBeGreaterThan(deletions);
    expect(lines[deletions + 2]).toBe(
      '<details><summary><code>-</code> delete <code>acme/Team/Old</code></summary>',
    );
  });

  test('each change is collapsible with its field diffs in a diff block', () => {
    expect(markdown).toContain(
      [
        '<details><summary><code>~</code> update <code>acme/Queue/Q1</code></summary>',
        '',
        '```diff',
        '- spec.agents: ["ann@acme.example","bob@acme.example"]',
        '+ spec.agents: ["ann@acme.example","cat@acme.example"]',
        '+ spec.serviceLevelThresholdSeconds: 20',
        '- spec.wrapUp.timeoutSeconds: 30',
        '+ spec.wrapUp.timeoutSeconds: 60',
        '```',
        '',
        '</details>',
      ].join('\n'),
    );
    expect(lines).toContain('-  "step20": "x",');
    expect(lines).toContain('+  "step20": "changed",');
  });

  test('diagnostics as a list with file:line:column', () => {
    expect(lines).toContain(
      '- ⚠️ **warning** `EP_FLOW_NO_BUSINESS_HOURS` `acme/entry-points.yaml:8:9` (`acme/EntryPoint/Sales_Chat`): flow "Sales" has no businessHours',
    );
    expect(lines).toContain(
      '- ❌ **error** `REF_IN_USE` (`acme/Team/Old`): team "Old" is still referenced',
    );
  });

  test('no truncation notice when it fits', () => {
    expect(markdown).not.toContain('truncated');
  });

  test('values with backticks cannot close the fence', () => {
    const desired = model(res('Team', 'T', 'acme', { description: 'a ``` b' }));
    const plan = assemblePlan({
      scopes: {},
      changes: planChanges(desired, model(), new Set(['acme'])),
      diagnostics: [],
    });
    expect(renderPlanMarkdown(plan)).toContain('````diff\n+ spec.description: "a ``` b"\n````');
  });

  test('no changes', () => {
    const plan = assemblePlan({
      scopes: { acme: { baseRevision: 2 } },
      changes: [],
      diagnostics: [],
    });
    const text = renderPlanMarkdown(plan);
    expect(text).toContain('**No changes. The stored state matches the configuration.**');
    expect(text).not.toContain('| Tenant |');
  });
});

describe('renderPlanMarkdown truncation', () => {
  const desired = [tenant('acme')];
  for (let i = 0; i < 600; i++) {
    const name = `Team_${String(i).padStart(4, '0')}`;
    desired.push(res('Team', name, 'acme', { description: `team ${i} `.repeat(20) }));
  }
  const stored = [
    tenant('acme'),
    ...Array.from({ length: 5 }, (_, i) =>
      res('Queue', `Gone${i}`, 'acme', { channelType: 'chat', direction: 'inbound' }),
    ),
  ];
  const plan = assemblePlan({
    scopes: { acme: { baseRevision: 1 } },
    changes: planChanges(model(...desired), model(...stored), new Set(['acme'])),
    diagnostics: [],
  });
  const markdown = renderPlanMarkdown(plan);

  test('stays within 60,000 characters', () => {
    expect(plan.changes.length).toBe(605);
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(markdown.length).toBeGreaterThan(MARKDOWN_LIMIT - 2_000);
  });

  test('deletions are kept, and the cut falls on a section boundary', () => {
    expect(markdown).toContain('### ⚠ Deletions (5)');
    for (let i = 0; i < 5; i++) expect(markdown).toContain(`<code>acme/Queue/Gone${i}</code>`);
    const opened = markdown.split('<details>').length - 1;
    const closed = markdown.split('</details>').length - 1;
    expect(opened).toBe(closed);
    expect(markdown.split('```').length % 2).toBe(1);
  });

  test('a visible notice says how many changes were left out and how to see them', () => {
    const shown = markdown.split('<details>').length - 1;
    expect(markdown).toContain(
      `**Plan truncated:** ${605 - shown} of 605 changes are not shown (this comment is limited to 60,000 characters). Run \`ccac plan --format json\` to see the full plan.`,
    );
    expect(markdown).toContain('| **Total** | | **600** | **0** | **5** |');
  });

  test('a smaller limit is honoured too', () => {
    const small = renderPlanMarkdown(plan, { maxLength: 10_000 });
    expect(small.length).toBeLessThanOrEqual(10_000);
    expect(small).toContain('Plan truncated');
  });

  test('one huge change is cut inside its block, not dropped', () => {
    // 400 changed lines of 200 characters: diffable, but far beyond what one block may hold.
    const text = (tag: string) =>
      Array.from({ length: 800 }, (_, i) =>
        i % 2 === 0 ? `${tag}${i} `.padEnd(200, 'x') : `same ${i}`,
      ).join('\n');
    const changes = planChanges(
      model(res('Flow', 'F', 'acme', { type: 'routing', definition: text('new') })),
      model(res('Flow', 'F', 'acme', { type: 'routing', definition: text('old') })),
      new Set(['acme']),
    );
    const markdown = renderPlanMarkdown(assemblePlan({ scopes: {}, changes, diagnostics: [] }));
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(markdown).toContain('<code>acme/Flow/F</code>');
    expect(markdown).toMatch(/… \d+ more lines: see `ccac plan --format json`/);
  });
});

test('a rewritten text too large to diff is summarised, deterministically', () => {
  const text = (tag: string) => Array.from({ length: 30_000 }, (_, i) => `${tag} ${i}`).join('\n');
  const changes = planChanges(
    model(res('Flow', 'F', 'acme', { type: 'routing', definition: text('new') })),
    model(res('Flow', 'F', 'acme', { type: 'routing', definition: text('old') })),
    new Set(['acme']),
  );
  const markdown = renderPlanMarkdown(assemblePlan({ scopes: {}, changes, diagnostics: [] }));
  expect(markdown).toContain(
    [
      '  spec.definition:',
      '@@ more than 1000 lines changed: not diffed @@',
      '-(text, 30000 lines)',
      '+(text, 30000 lines)',
    ].join('\n'),
  );
});
