import type { NodeType } from './routing-graph.js';

const TYPE_PREFIX: Record<NodeType, string> = {
  number: 'num',
  campaign: 'camp',
  entryPoint: 'ep',
  flow: 'flow',
  businessHours: 'bh',
  queue: 'q',
  team: 'team',
  agent: 'agent',
  agents: 'agents',
};

/**
 * A Mermaid-safe id for a node: letters and digits kept, every other character written as
 * `_<hex code point>_`, parts joined by `_x_` (never an escape, as `x` is not hex). So any name
 * gives an id of `[A-Za-z0-9_]` only, the same name always the same id, and two names never one.
 */
export function mermaidNodeId(tenant: string, type: NodeType, name: string): string {
  return `${TYPE_PREFIX[type]}_x_${encodeIdPart(tenant)}_x_${encodeIdPart(name)}`;
}

export function mermaidTenantId(tenant: string): string {
  return `tenant_x_${encodeIdPart(tenant)}`;
}

function encodeIdPart(text: string): string {
  let id = '';
  for (const char of text)
    id += /^[A-Za-z0-9]$/.test(char) ? char : `_${char.codePointAt(0)!.toString(16)}_`;
  return id;
}
