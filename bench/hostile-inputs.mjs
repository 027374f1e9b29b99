// Issue #16's hostile inputs inside the size limit: files whose cost once grew far faster than
// their size. `ccac validate` must reject each (exit 1) within its targets. `scale` < 1 shrinks
// them for --smoke. Deterministic: the same scale gives the same bytes.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const MB = 1 << 20;

const resource = (kind, name, spec) =>
  `apiVersion: ccac/v1\nkind: ${kind}\nmetadata:\n  tenant: acme\n  name: ${name}\nspec:\n${spec}`;

/** A Queue listing `count` agents, none of them declared: a REF_UNKNOWN each. */
function queueOfAgents(count) {
  const agents = Array.from({ length: count }, (_, i) => `    - agent${i}@acme.example\n`);
  return resource(
    'Queue',
    'q',
    `  channelType: chat\n  direction: inbound\n  agents:\n${agents.join('')}`,
  );
}

/** A List of 100 queues: the first anchors a list of `items` agents, the 99 others alias it. */
function aliasesOfAList(items) {
  const list = `[${Array.from({ length: items }, (_, i) => `agent-number-${i}`).join(', ')}]`;
  const queue = (i, agents) =>
    `  - {apiVersion: ccac/v1, kind: Queue, metadata: {tenant: acme, name: q${i}}, spec: {channelType: chat, direction: inbound, agents: ${agents}}}\n`;
  const queues = Array.from({ length: 100 }, (_, i) => queue(i, i === 0 ? `&l ${list}` : '*l'));
  return `apiVersion: ccac/v1\nkind: List\nitems:\n${queues.join('')}`;
}

/**
 * Each input, and the targets its `ccac validate` must meet: `ms` (median wall time) and, where
 * set, `rssMb` (peak resident memory).
 */
export const HOSTILE_INPUTS = [
  {
    id: 'agents',
    label: 'Queue with 80,000 agents (uniqueItems, 80,000 diagnostics)',
    make: (scale) => queueOfAgents(Math.round(80_000 * scale)),
    targets: { ms: 2000 },
  },
  {
    id: 'aliases',
    label: '99 aliases of a 10,000-item list',
    make: () => aliasesOfAList(10_000),
    targets: { ms: 2000 },
  },
  {
    id: 'brackets',
    label: '1 MB of unclosed `[`',
    make: () => resource('Team', 't', `  description: ${'['.repeat(MB)}\n`),
    targets: { ms: 2000, rssMb: 256 },
  },
  {
    id: 'scalar',
    label: '15 MB one-line scalar',
    make: (scale) =>
      resource('Team', 't', `  description: ${'x'.repeat(Math.round(15 * MB * scale))}\n`),
    targets: { ms: 2000 },
  },
];

/** Writes every input under `dir` (emptied first); returns them with their file and size. */
export async function writeHostileInputs(dir, scale = 1) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const written = [];
  for (const input of HOSTILE_INPUTS) {
    const text = input.make(scale);
    const file = path.join(dir, `${input.id}.yaml`);
    await writeFile(file, text);
    written.push({ ...input, file, bytes: Buffer.byteLength(text) });
  }
  return written;
}
