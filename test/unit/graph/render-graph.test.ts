import { describe, expect, it } from 'vitest';
import { buildRoutingGraph } from '../../../src/graph/build-routing-graph.js';
import { mermaidNodeId } from '../../../src/graph/node-id.js';
import { dotString, renderDot } from '../../../src/graph/render-dot.js';
import { mermaidText, renderMermaid } from '../../../src/graph/render-mermaid.js';
import { modelOf } from './model-of.js';

const model = modelOf([
  ['EntryPoint', 'acme', 'Sales', { channelType: 'chat', flow: 'Main', queue: 'Q' }],
  ['Flow', 'acme', 'Main', { type: 'routing' }],
  ['Queue', 'acme', 'Q', { channelType: 'chat', direction: 'inbound' }],
]);

describe('renderMermaid', () => {
  it('prints a flowchart with a subgraph per tenant, shapes per type and labelled queue edges', () => {
    expect(renderMermaid(buildRoutingGraph(model))).toBe(
      [
        'flowchart LR',
        '  subgraph tenant_x_acme ["acme"]',
        '    ep_x_acme_x_Sales(["Sales"]):::entryPoint',
        '    flow_x_acme_x_Main[["Main"]]:::flow',
        '    q_x_acme_x_Q[("Q")]:::queue',
        '    ep_x_acme_x_Sales --> flow_x_acme_x_Main',
        '    ep_x_acme_x_Sales -->|queue| q_x_acme_x_Q',
        '  end',
        '  classDef entryPoint fill:#dbeafe,stroke:#1d4ed8',
        '  classDef flow fill:#ede9fe,stroke:#6d28d9',
        '  classDef queue fill:#dcfce7,stroke:#15803d',
        '',
      ].join('\n'),
    );
  });

  it('outlines highlighted nodes', () => {
    const text = renderMermaid(buildRoutingGraph(model), {
      highlight: new Map([['acme', new Set(['flow:Main', 'flow:Gone'])]]),
    });
    expect(text).toContain('  style flow_x_acme_x_Main stroke:#d97706,stroke-width:4px\n');
    expect(text).not.toContain('Gone');
  });

  it('escapes names so they cannot end a label or become HTML', () => {
    const hostile = 'x"]<script>alert(1)</script>#`&';
    expect(mermaidText(hostile)).toBe('x#quot;]#lt;script#gt;alert(1)#lt;/script#gt;#35;#96;#amp;');
    const text = renderMermaid(
      buildRoutingGraph(
        modelOf([
          ['Queue', 'acme', 'Q', { channelType: 'chat', direction: 'inbound', teams: [hostile] }],
        ]),
      ),
    );
    expect(text).not.toContain('<script>');
    expect(text).not.toMatch(/"[^"\n]*"[^:\n]*"/); // no label holds a raw quote
  });

  it('derives ids of letters, digits and underscores only, distinct for distinct names', () => {
    const names = ['a b', 'a_b', 'a-b', 'a_20_b', 'end', 'ünï', '"]', ''];
    const ids = names.map((name) => mermaidNodeId('t-1', 'team', name));
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_]+$/);
    expect(new Set(ids).size).toBe(names.length);
    expect(mermaidNodeId('t-1', 'team', 'a b')).toBe(ids[0]);
  });
});

describe('renderDot', () => {
  it('prints a digraph with a cluster per tenant and quoted ids', () => {
    expect(renderDot(buildRoutingGraph(model))).toBe(
      [
        'digraph routing {',
        '  rankdir=LR;',
        '  node [fontname="Helvetica"];',
        '  subgraph "cluster_acme" {',
        '    label="acme";',
        '    "acme/entryPoint:Sales" [label="Sales", shape=box, style="rounded,filled", fillcolor="#dbeafe"];',
        '    "acme/flow:Main" [label="Main", shape=component, style=filled, fillcolor="#ede9fe"];',
        '    "acme/queue:Q" [label="Q", shape=cylinder, style=filled, fillcolor="#dcfce7"];',
        '    "acme/entryPoint:Sales" -> "acme/flow:Main";',
        '    "acme/entryPoint:Sales" -> "acme/queue:Q" [label="queue"];',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('escapes quotes, backslashes and line breaks', () => {
    expect(dotString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });
});
