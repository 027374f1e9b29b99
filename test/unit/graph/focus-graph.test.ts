import { describe, expect, it } from 'vitest';
import { planRoutingMermaid } from '../../../src/graph/plan-graph.js';
import { modelOf } from './model-of.js';

const chat = { channelType: 'chat', direction: 'inbound' };
const stored = modelOf([
  ['EntryPoint', 'acme', 'Sales', { channelType: 'chat', flow: 'SalesFlow', queue: 'SalesQ' }],
  [
    'EntryPoint',
    'acme',
    'Support',
    { channelType: 'chat', flow: 'SupportFlow', queue: 'SupportQ' },
  ],
  ['Flow', 'acme', 'SalesFlow', { type: 'routing', businessHours: 'Office' }],
  ['Flow', 'acme', 'SupportFlow', { type: 'routing' }],
  ['BusinessHours', 'acme', 'Office', { timezone: 'UTC' }],
  ['Queue', 'acme', 'SalesQ', { ...chat, teams: ['SalesTeam'] }],
  ['Queue', 'acme', 'SupportQ', chat],
  ['Queue', 'acme', 'NewQ', chat],
]);

describe('planRoutingMermaid', () => {
  it('shows a changed entry point with its neighbours on both sides, and nothing unrelated', () => {
    const desired = modelOf([
      ['EntryPoint', 'acme', 'Sales', { channelType: 'chat', flow: 'SalesFlow', queue: 'NewQ' }],
      [
        'EntryPoint',
        'acme',
        'Support',
        { channelType: 'chat', flow: 'SupportFlow', queue: 'SupportQ' },
      ],
      ['Flow', 'acme', 'SalesFlow', { type: 'routing', businessHours: 'Office' }],
      ['Flow', 'acme', 'SupportFlow', { type: 'routing' }],
      ['BusinessHours', 'acme', 'Office', { timezone: 'UTC' }],
      ['Queue', 'acme', 'SalesQ', { ...chat, teams: ['SalesTeam'] }],
      ['Queue', 'acme', 'SupportQ', chat],
      ['Queue', 'acme', 'NewQ', chat],
    ]);
    const text = planRoutingMermaid(
      [{ tenant: 'acme', kind: 'EntryPoint', name: 'Sales' }],
      desired,
      stored,
    )!;
    const nodes = [...text.matchAll(/^ {4}(\w+)[([{>]/gm)].map((m) => m[1]);
    expect(nodes).toEqual([
      'ep_x_acme_x_Sales',
      'flow_x_acme_x_SalesFlow',
      'q_x_acme_x_NewQ', // the desired link
      'q_x_acme_x_SalesQ', // the stored link
    ]);
    expect(text).not.toMatch(/Support|Office|SalesTeam/);
    expect(text).toContain('  style ep_x_acme_x_Sales stroke');
  });

  it('is undefined when no change is part of the routing picture', () => {
    expect(
      planRoutingMermaid([{ tenant: 'acme', kind: 'DesktopProfile', name: 'P' }], stored, stored),
    ).toBeUndefined();
    expect(
      planRoutingMermaid([{ tenant: null, kind: 'Organization', name: 'O' }], stored, stored),
    ).toBeUndefined();
  });
});
