import { describe, expect, it } from 'vitest';
import { buildRoutingGraph } from '../../../src/graph/build-routing-graph.js';
import { LAYOUT, layoutGraph } from '../../../src/report/layout-graph.js';
import { renderGraphSvg } from '../../../src/report/render-graph-svg.js';
import { modelOf } from './model-of.js';

const chat = { channelType: 'chat', direction: 'inbound' };
const graph = buildRoutingGraph(
  modelOf([
    ['EntryPoint', 'acme', 'A', { channelType: 'chat', queue: 'Zq' }],
    [
      'EntryPoint',
      'acme',
      'B',
      { channelType: 'inbound-telephony', supportNumbers: ['+1'], queue: 'Aq' },
    ],
    ['Queue', 'acme', 'Aq', chat],
    ['Queue', 'acme', 'Zq', chat],
    ['Queue', 'acme', 'Lonely', chat],
  ]),
)[0]!;

describe('layoutGraph', () => {
  it('puts each type in its column and orders rows by the entry points they link to', () => {
    const layout = layoutGraph(graph);
    const at = (key: string) => layout.nodes.find((n) => n.node.key === key)!;
    const column = (key: string) =>
      (at(key).x - LAYOUT.margin) / (LAYOUT.nodeWidth + LAYOUT.columnGap);
    const row = (key: string) => (at(key).y - LAYOUT.top) / (LAYOUT.nodeHeight + LAYOUT.rowGap);
    expect([column('number:+1'), column('entryPoint:A'), column('queue:Zq')]).toEqual([0, 1, 2]);
    expect([row('entryPoint:A'), row('entryPoint:B')]).toEqual([0, 1]);
    // Zq is A's queue, so it comes first though its name sorts last; an unlinked queue goes last.
    expect([row('queue:Zq'), row('queue:Aq'), row('queue:Lonely')]).toEqual([0, 1, 2]);
    expect(layout.edges).toHaveLength(graph.edges.length);
  });

  it('escapes names in the SVG and shortens long labels, keeping the full name as a tooltip', () => {
    const svg = renderGraphSvg(
      buildRoutingGraph(
        modelOf([
          ['Queue', 'acme', 'Q', { ...chat, teams: ['<script>x</script>-a-very-long-team-name'] }],
        ]),
      )[0]!,
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain(
      '<title>Team: &lt;script&gt;x&lt;/script&gt;-a-very-long-team-name</title>',
    );
    expect(svg).toContain('>&lt;script&gt;x&lt;/script&gt;-a-very-l…</text>');
  });
});
