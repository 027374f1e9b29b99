import { describe, expect, test } from 'vitest';
import { MARKDOWN_LIMIT, renderPlanMarkdown } from '../../../src/cli/render/plan-markdown.js';
import { renderRevision } from '../../../src/cli/render/history-show.js';
import { error } from '../../../src/diagnostics/diagnostic.js';
import { assemblePlan, planChanges } from '../../../src/plan/make-plan.js';
import type { RevisionRecord } from '../../../src/model/revision.js';
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
      '- ⚠️ **warning** `EP_FLOW_NO_BUSINESS_HOURS` <code>acme/entry-points.yaml:8:9</code> (<code>acme/EntryPoint/Sales&#95;Chat</code>): flow "Sales" has no businessHours',
    );
    expect(lines).toContain(
      '- ❌ **error** `REF_IN_USE` (<code>acme/Team/Old</code>): team "Old" is still referenced',
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

describe('user text in the markdown', () => {
  const name = 'Q` <details open><summary>✅ All checks passed<summary> `';
  const folder = 'x`<img src=x onerror=alert(1)>`';
  const hostile = model(res('Team', name, 'acme', { description: 'd' }));
  const plan = assemblePlan({
    scopes: { 'a|b': { baseRevision: 1 } },
    changes: planChanges(hostile, model(), new Set(['acme'])).map((c) => ({
      ...c,
      tenant: 'ac|me',
    })),
    diagnostics: [
      error('REF_UNKNOWN', 'see [here](https://evil.example) *now* `x` <b>', {
        address: `acme/Team/${name}`,
        place: { file: `${folder}/teams.yaml`, line: 3, column: 5 },
      }),
    ],
  });
  const markdown = renderPlanMarkdown(plan);

  test('is shown as text: no HTML, code span, link, emphasis or table cell of its own', () => {
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('<details open>');
    expect(markdown).not.toContain('<b>');
    expect(markdown).not.toContain('[here]');
    expect(markdown).not.toContain('*now*');
    expect(markdown).toContain('| ac&#124;me | Team | 1 | 0 | 0 |');
    expect(markdown).toContain('Against a&#124;b at revision 1.');
    const address =
      '<code>acme/Team/Q&#96; &#60;details open&#62;&#60;summary&#62;✅ All checks passed&#60;summary&#62; &#96;</code>';
    expect(markdown).toContain(`<summary><code>+</code> create ${address}</summary>`);
    expect(markdown).toContain(
      `- ❌ **error** \`REF_UNKNOWN\` <code>x&#96;&#60;img src=x onerror=alert(1)&#62;&#96;/teams.yaml:3:5</code> (${address}): ` +
        'see &#91;here&#93;(https://evil.example) &#42;now&#42; &#96;x&#96; &#60;b&#62;',
    );
  });

  test('a revision shown as markdown keeps its recorded fields in their cells', () => {
    const record: RevisionRecord = {
      id: 1,
      scope: 'acme',
      revision: 1,
      actor: 'a`|<img src=x>@acme.example',
      actorRole: 'full-admin',
      createdAt: '2026-01-01T00:00:00Z',
      configDigest: 'c',
      gitCommit: null,
      planDigest: 'p',
      counts: { create: 0, update: 0, delete: 0 },
      prevHash: null,
      hash: 'h',
    };
    const shown = renderRevision(record, plan, 'markdown', false);
    expect(shown).toContain(
      '| actor | <code>a&#96;&#124;&#60;img src=x&#62;@acme.example (full-admin)</code> |',
    );
    expect(shown).not.toContain('<img');
  });
});
