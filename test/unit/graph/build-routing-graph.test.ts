import { describe, expect, it } from 'vitest';
import { buildRoutingGraph } from '../../../src/graph/build-routing-graph.js';
import { collapseAgents } from '../../../src/graph/collapse-agents.js';
import type { TenantGraph } from '../../../src/graph/routing-graph.js';
import { modelOf } from './model-of.js';

const edges = (graph: TenantGraph) =>
  graph.edges.map((e) => `${e.from} -> ${e.to}${e.label ? ` (${e.label})` : ''}`);

const acme = modelOf([
  [
    'EntryPoint',
    'acme',
    'Sales',
    { channelType: 'inbound-telephony', supportNumbers: ['+3120'], flow: 'Main', queue: 'Q1' },
  ],
  ['EntryPoint', 'acme', 'Out', { channelType: 'outbound-telephony', outdialQueue: 'Q2' }],
  ['Flow', 'acme', 'Main', { type: 'routing', businessHours: 'Office' }],
  ['Flow', 'acme', 'Unused', { type: 'event' }],
  ['BusinessHours', 'acme', 'Office', { timezone: 'Europe/Amsterdam' }],
  [
    'Queue',
    'acme',
    'Q1',
    {
      channelType: 'inbound-telephony',
      direction: 'inbound',
      agents: ['a@x.example', 'b@x.example'],
      teams: ['T'],
    },
  ],
  ['Queue', 'acme', 'Q2', { channelType: 'outbound-telephony', direction: 'outbound' }],
  ['Campaign', 'acme', 'Spring', { entryPoint: 'Out', agents: ['a@x.example'] }],
  ['Team', 'acme', 'Unlinked', {}],
]);

describe('buildRoutingGraph', () => {
  it('links numbers, entry points, flows, business hours, queues, teams, agents and campaigns', () => {
    const [graph] = buildRoutingGraph(acme);
    expect(graph!.tenant).toBe('acme');
    expect(edges(graph!)).toEqual([
      'number:+3120 -> entryPoint:Sales',
      'campaign:Spring -> entryPoint:Out',
      'entryPoint:Out -> queue:Q2 (outdial)',
      'entryPoint:Sales -> flow:Main',
      'entryPoint:Sales -> queue:Q1 (queue)',
      'flow:Main -> businessHours:Office',
      'queue:Q1 -> team:T',
      'queue:Q1 -> agent:a@x.example',
      'queue:Q1 -> agent:b@x.example',
    ]);
  });

  it('draws every entry point, flow, business hours, queue and campaign; teams and agents only when linked', () => {
    const [graph] = buildRoutingGraph(acme);
    expect(graph!.nodes.map((n) => n.key)).toEqual([
      'number:+3120',
      'campaign:Spring',
      'entryPoint:Out',
      'entryPoint:Sales',
      'flow:Main',
      'flow:Unused',
      'businessHours:Office',
      'queue:Q1',
      'queue:Q2',
      'team:T',
      'agent:a@x.example',
      'agent:b@x.example',
    ]);
  });

  it('keeps tenants apart, sorted, and draws only the tenants asked for', () => {
    const model = modelOf([
      ['Queue', 'zeta', 'Q', { channelType: 'chat', direction: 'inbound' }],
      ['Queue', 'alpha', 'Q', { channelType: 'chat', direction: 'inbound', teams: ['T'] }],
    ]);
    expect(buildRoutingGraph(model).map((g) => g.tenant)).toEqual(['alpha', 'zeta']);
    const [zeta, ...rest] = buildRoutingGraph(model, ['zeta']);
    expect(rest).toEqual([]);
    expect(zeta!.nodes.map((n) => n.key)).toEqual(['queue:Q']);
    expect(zeta!.edges).toEqual([]);
  });

  it('gives a reference to an undeclared resource its node', () => {
    const [graph] = buildRoutingGraph(
      modelOf([['EntryPoint', 'acme', 'E', { channelType: 'chat', flow: 'Missing' }]]),
    );
    expect(edges(graph!)).toEqual(['entryPoint:E -> flow:Missing']);
  });

  it('does not depend on the order resources were declared in', () => {
    const rows = [
      ['Queue', 'acme', 'B', { channelType: 'chat', direction: 'inbound', agents: ['z@x', 'y@x'] }],
      ['Queue', 'acme', 'A', { channelType: 'chat', direction: 'inbound', agents: ['y@x'] }],
    ] as const;
    const forward = buildRoutingGraph(modelOf(rows.map((r) => [...r])));
    const backward = buildRoutingGraph(modelOf([...rows].reverse().map((r) => [...r])));
    expect(backward).toEqual(forward);
  });
});

describe('collapseAgents', () => {
  const agents = (n: number) => Array.from({ length: n }, (_, i) => `agent${i}@x.example`);

  it('draws a queue with more agents than the threshold as one "N agents" node', () => {
    const model = modelOf([
      [
        'Queue',
        'acme',
        'Big',
        { channelType: 'chat', direction: 'inbound', agents: agents(11), teams: ['T'] },
      ],
      [
        'Queue',
        'acme',
        'Small',
        { channelType: 'chat', direction: 'inbound', agents: ['agent0@x.example'] },
      ],
    ]);
    const graph = collapseAgents(buildRoutingGraph(model)[0]!, 10);
    expect(edges(graph)).toEqual([
      'queue:Big -> team:T',
      'queue:Big -> agents:queue:Big',
      'queue:Small -> agent:agent0@x.example',
    ]);
    expect(graph.nodes.find((n) => n.type === 'agents')!.label).toBe('11 agents');
    // The agent the small queue still lists stays; the others are gone.
    expect(graph.nodes.filter((n) => n.type === 'agent').map((n) => n.name)).toEqual([
      'agent0@x.example',
    ]);
  });

  it('leaves a queue at the threshold as it is', () => {
    const model = modelOf([
      ['Queue', 'acme', 'Q', { channelType: 'chat', direction: 'inbound', agents: agents(10) }],
    ]);
    const graph = buildRoutingGraph(model)[0]!;
    expect(collapseAgents(graph, 10)).toEqual(graph);
  });
});
