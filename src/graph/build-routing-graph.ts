import type { Kind } from '../model/kinds.js';
import type { Model } from '../model/model.js';
import {
  compare,
  nodeKey,
  sortedGraph,
  type GraphEdge,
  type GraphNode,
  type NodeType,
  type TenantGraph,
} from './routing-graph.js';

/** The kinds a routing picture is drawn from: a reader of the store may read these alone. */
export const ROUTING_KINDS: readonly Kind[] = [
  'EntryPoint',
  'Flow',
  'BusinessHours',
  'Queue',
  'Campaign',
];

/**
 * The routing picture of a model, one graph per tenant (sorted by name; only `tenants` when
 * given): numbers → entry points → flows → business hours; entry points → queues (as `queue`
 * or `outdial`); queues → teams and agents; campaigns → entry points. Every entry point, flow,
 * business hours, queue and campaign is drawn, used or not; numbers, teams and agents only as
 * they are referenced. A reference to an undeclared resource still gets its node.
 */
export function buildRoutingGraph(model: Model, tenants: readonly string[] = []): TenantGraph[] {
  const names = tenants.length > 0 ? [...new Set(tenants)] : model.tenantNames();
  return names.sort(compare).map((tenant) => buildTenantGraph(model, tenant));
}

function buildTenantGraph(model: Model, tenant: string): TenantGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const node = (type: NodeType, name: string): string => {
    const key = nodeKey(type, name);
    if (!nodes.has(key)) nodes.set(key, { key, type, name, label: name });
    return key;
  };
  const link = (from: string, to: string, label?: string) =>
    edges.push(label === undefined ? { from, to } : { from, to, label });

  for (const { name, spec } of model.list('EntryPoint', tenant)) {
    const entryPoint = node('entryPoint', name);
    for (const number of spec.supportNumbers ?? []) link(node('number', number), entryPoint);
    if (spec.flow !== undefined) link(entryPoint, node('flow', spec.flow));
    if (spec.queue !== undefined) link(entryPoint, node('queue', spec.queue), 'queue');
    if (spec.outdialQueue !== undefined)
      link(entryPoint, node('queue', spec.outdialQueue), 'outdial');
  }
  for (const { name, spec } of model.list('Flow', tenant)) {
    const flow = node('flow', name);
    if (spec.businessHours !== undefined) link(flow, node('businessHours', spec.businessHours));
  }
  for (const { name } of model.list('BusinessHours', tenant)) node('businessHours', name);
  for (const { name, spec } of model.list('Queue', tenant)) {
    const queue = node('queue', name);
    for (const team of spec.teams ?? []) link(queue, node('team', team));
    for (const agent of spec.agents ?? []) link(queue, node('agent', agent));
  }
  for (const { name, spec } of model.list('Campaign', tenant)) {
    const campaign = node('campaign', name);
    if (spec.entryPoint !== undefined) link(campaign, node('entryPoint', spec.entryPoint));
  }
  return sortedGraph(tenant, nodes.values(), edges);
}
