import type { Alias, Document, Node } from 'yaml';

type YamlModule = typeof import('yaml');

/**
 * Values that aliases may add to one document when it is read. `yaml`'s own limit (maxAliasCount)
 * counts uses of an anchor, not what each use copies: 99 aliases of a 10,000-item list passed it
 * and took minutes and gigabytes to read and check. Sharing a list of a few hundred agents among
 * a few hundred queues stays well below.
 */
export const MAX_ALIAS_VALUES = 100_000;

export interface AliasProblem {
  alias: Alias;
  /** `unresolved`: no anchor of its name before it; `cycle`: it stands inside the value it names. */
  problem: 'unresolved' | 'cycle' | 'too-many';
}

/**
 * The first alias that `toJS` must not expand, in document order. Each alias is resolved as `yaml`
 * resolves it (the last anchor of its name before it), and counts the values of what it names,
 * aliases inside that counted as expanded. Linear in the document: each node is counted once.
 */
export function aliasProblem(doc: Document, { isAlias, isMap, isPair, isSeq, visit }: YamlModule) {
  const anchors = new Map<string, Node>();
  const resolved = new Map<Alias, Node>();
  const sizes = new Map<Node, number>();
  const counting = new Set<Node>();
  let cycle = false;

  /** The values `node` stands for once its aliases are expanded. */
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const source = resolved.get(node);
      return source === undefined ? 0 : size(source);
    }
    if (!isMap(node) && !isSeq(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (counting.has(node)) {
      cycle = true;
      return 0;
    }
    counting.add(node);
    let total = 1;
    for (const item of node.items as unknown[])
      total += isPair(item) ? size(item.key) + size(item.value) : size(item);
    counting.delete(node);
    sizes.set(node, total);
    return total;
  };

  let added = 0;
  let found: AliasProblem | undefined;
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) {
        const source = anchors.get(node.source);
        if (source === undefined) found = { alias: node, problem: 'unresolved' };
        else {
          resolved.set(node, source);
          added += size(source);
          if (cycle) found = { alias: node, problem: 'cycle' };
          else if (added > MAX_ALIAS_VALUES) found = { alias: node, problem: 'too-many' };
        }
        return found ? visit.BREAK : undefined;
      }
      // Set before the node's own items are visited: an alias inside names it (a cycle).
      if (node.anchor !== undefined) anchors.set(node.anchor, node);
      return undefined;
    },
  });
  return found;
}
