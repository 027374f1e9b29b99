import { describe, expect, test } from 'vitest';
import { MAX_ALIAS_VALUES } from '../../../src/config/alias-expansion.js';
import { loadConfig } from '../../../src/config/load-config.js';

/** One List document (anchors are per document) of queues, each on a line from line 4 on. */
function queues(agents: readonly string[]): string {
  const items = agents.map(
    (list, i) =>
      `  - {apiVersion: ccac/v1, kind: Queue, metadata: {tenant: acme, name: q${i}}, spec: {channelType: chat, direction: inbound, agents: ${list}}}\n`,
  );
  return `apiVersion: ccac/v1\nkind: List\nitems:\n${items.join('')}`;
}

const emails = (count: number) =>
  `[${Array.from({ length: count }, (_, i) => `a${i}@acme.example`).join(', ')}]`;

describe('alias expansion is bounded by what it copies, not by how often', () => {
  test('a list of 500 agents shared by 150 queues loads (75,000 values)', () => {
    const text = queues([`&agents ${emails(500)}`, ...Array<string>(149).fill('*agents')]);
    const { resources, diagnostics } = loadConfig([{ path: 'q.yaml', text }]);
    expect(diagnostics).toEqual([]);
    expect(resources).toHaveLength(150);
    expect((resources.at(-1)!.spec as { agents: string[] }).agents).toHaveLength(500);
  });

  test('aliases past the budget: one diagnostic, at the alias that crosses it', () => {
    const list = `&agents ${emails(MAX_ALIAS_VALUES / 4)}`;
    const text = queues([list, ...Array<string>(5).fill('*agents')]);
    const { resources, diagnostics } = loadConfig([{ path: 'q.yaml', text }]);
    expect(resources).toEqual([]);
    // Four aliases of 25,001 values each cross 100,000: the fourth, on item 4 (line 8).
    expect(diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      [
        'YAML',
        8,
        'alias limit exceeded: aliases expand too far (more than 100,000 values in this document)',
      ],
    ]);
  });
});
