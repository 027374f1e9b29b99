import { describe, expect, it } from 'vitest';
import { renderPlanMarkdown } from '../../../src/cli/render/plan-markdown.js';
import { assemblePlan } from '../../../src/plan/make-plan.js';

const plan = assemblePlan({
  scopes: { acme: { baseRevision: 1 } },
  changes: [
    {
      address: 'acme/Team/T',
      tenant: 'acme',
      kind: 'Team',
      name: 'T',
      action: 'create',
      before: null,
      after: { spec: {} },
      fields: [{ path: 'spec.description', after: 'x' }],
    },
  ],
  diagnostics: [],
});

describe('renderPlanMarkdown with a routing graph', () => {
  it('shows the graph in a collapsed mermaid block after the counts', () => {
    const text = renderPlanMarkdown(plan, { graph: 'flowchart LR\n  a --> b\n' });
    expect(text).toContain(
      '<details><summary>Routing paths this plan touches</summary>\n\n```mermaid\nflowchart LR\n  a --> b\n```\n\n</details>',
    );
    expect(text.indexOf('| **Total**')).toBeLessThan(text.indexOf('```mermaid'));
    expect(text.indexOf('```mermaid')).toBeLessThan(text.indexOf('### Changes'));
  });

  it('leaves the graph out, with a note, when it would crowd out the plan', () => {
    const graph = `flowchart LR\n${'  a --> b\n'.repeat(2000)}`;
    const text = renderPlanMarkdown(plan, { graph, maxLength: 20_000 });
    expect(text).not.toContain('```mermaid');
    expect(text).toContain('The picture is too large for a comment');
    expect(text).toContain('acme/Team/T');
    expect(text.length).toBeLessThanOrEqual(20_000);
  });

  it('adds nothing without a graph', () => {
    expect(renderPlanMarkdown(plan)).not.toContain('Routing paths');
  });
});
