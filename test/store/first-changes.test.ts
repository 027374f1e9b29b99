import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../src/store/database.js';
import { firstChanges, kindCounts } from '../../src/report/revision-overview.js';
import { readFirstChanges } from '../../src/store/read-change-overview.js';
import { storeTargets } from '../helpers/databases.js';
import { create, queues, revisionOf, value } from './fixtures/changes.js';

const LOCK = { lockTimeoutMs: 5_000 };
const SCOPES = ['acme', 'beta', 'gamma'];
const CHANGES = 300;

interface PlanNode {
  'Node Type': string;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

/** A Queryable that runs each query under EXPLAIN ANALYZE and keeps the plan it took. */
function explaining(q: Queryable, plans: PlanNode[]): Queryable {
  return {
    async query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
      const rows = await q.query<{ 'QUERY PLAN': unknown }>(
        `explain (analyze, format json) ${sql}`,
        params,
      );
      const plan = rows[0]!['QUERY PLAN'];
      const [top] = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: PlanNode }[];
      plans.push(top!.Plan);
      return [];
    },
    copyFrom: (table, columns, rows) => q.copyFrom(table, columns, rows),
  };
}

describe.each(storeTargets())('the first changes of revisions on $dialect', (target) => {
  // A store just written and never analyzed, as after `ccac apply` (PGlite has no autovacuum):
  // the planner's statistics guess one row per revision.
  it('ranks each revision once, however many changes it holds', async () => {
    const store = await target.open();
    for (const scope of SCOPES) {
      const changes = queues(scope, CHANGES);
      await store.withLockedScopes([scope], LOCK, async (tx) => {
        await tx.writeChanges(changes);
        return { commit: true, value: await tx.recordRevision(revisionOf(scope, changes)) };
      });
    }
    const revisions = SCOPES.map((scope) => ({ scope, revision: 1 }));
    expect(await readFirstChanges(store.db, revisions, 20)).toHaveLength(60);

    const plans: PlanNode[] = [];
    await readFirstChanges(explaining(store.db, plans), revisions, 20);
    const windows = nodes(plans[0]!).filter((node) => node['Node Type'] === 'WindowAgg');
    expect(windows.length).toBeGreaterThan(0);
    // Once per revision asked for; the planner's other choice ranks once per change row (900).
    for (const window of windows) expect(window['Actual Loops']).toBe(SCOPES.length);
  });

  // The report picks a revision's first changes from the rows its verification read
  // (report/revision-overview.ts): the same ones the database picks for later batches.
  it('picks the same first changes from the rows read as the database does', async () => {
    const store = await target.open();
    const scope = 'acme';
    const changes = [
      ...queues(scope, 30),
      ...['Zulu', 'alpha', 'Bravo'].map((name) => create(scope, 'Team', name, value({ name }))),
      create(scope, 'Flow', 'main', value({ name: 'main' })),
    ];
    await store.withLockedScopes([scope], LOCK, async (tx) => {
      await tx.writeChanges(changes);
      return { commit: true, value: await tx.recordRevision(revisionOf(scope, changes)) };
    });
    const read = await store.readChanges(scope);
    const picked = firstChanges(read, 20);
    expect(picked).toEqual(await readFirstChanges(store.db, [{ scope, revision: 1 }], 20));
    expect(new Set(picked.map((change) => change.kind))).toEqual(
      new Set(['Queue', 'Team', 'Flow']),
    );
    expect(kindCounts(read)).toEqual([
      { kind: 'Team', create: 3, update: 0, delete: 0 },
      { kind: 'Queue', create: 30, update: 0, delete: 0 },
      { kind: 'Flow', create: 1, update: 0, delete: 0 },
    ]);
  });
});
