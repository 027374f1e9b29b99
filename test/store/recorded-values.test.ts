import { describe, expect, it } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
import { applyRevisions, queues, remove, revisionOf, update, value } from './fixtures/changes.js';
import {
  readDriftedRows,
  readRecordedValues,
  recordedSql,
} from '../../src/store/recorded-values.js';
import { storedValue } from '../../src/store/stored-value.js';

describe.each(storeTargets())('the recorded values of some addresses on $dialect', (target) => {
  it('are what the whole history query says: the last change, or drift adopted later', async () => {
    const store = await target.open();
    const [q0, q1, q2, q3] = queues('acme', 4);
    await applyRevisions(store, [revisionOf('acme', [q0!, q1!, q2!, q3!])]);
    await applyRevisions(store, [
      revisionOf('acme', [update(q0!, value({ v: 2 })), remove(q1!)], 'plan-2'),
    ]);
    await applyRevisions(store, [revisionOf('acme', [update(q2!, value({ v: 3 }))], 'plan-3')]);
    // Drift adopted: q0 at revision 3, after its last change; q2 in the revision that changed it
    // (the change wins); q3 at revision 2, after its only change.
    await store.db.query(
      `insert into accepted_drift (scope, revision, address, kind, name, value)
       values ('acme', 3, 'acme/Queue/q00000', 'Queue', 'q00000', '{"spec": {"drift": 0}}'),
              ('acme', 3, 'acme/Queue/q00002', 'Queue', 'q00002', '{"spec": {"drift": 2}}'),
              ('acme', 2, 'acme/Queue/q00003', 'Queue', 'q00003', '{"spec": {"drift": 3}}')`,
    );
    const addresses = [q0, q1, q2, q3].map((c) => c!.address).concat('acme/Queue/never');

    const recorded = await readRecordedValues(store.db, addresses);

    expect(recorded).toEqual(
      new Map([
        ['acme/Queue/q00000', { spec: { drift: 0 } }],
        ['acme/Queue/q00001', null],
        ['acme/Queue/q00002', { spec: { v: 3 } }],
        ['acme/Queue/q00003', { spec: { drift: 3 } }],
      ]),
    );
    const whole = await store.db.query<{ address: string; value: unknown }>(recordedSql(), [
      ['acme'],
    ]);
    const wanted = whole.filter((row) => addresses.includes(row.address));
    expect(recorded).toEqual(
      new Map(wanted.map((row) => [row.address, row.value && storedValue(row.value)])),
    );
  });

  it('drifted rows are the same whether compared a scope at a time or all at once', async () => {
    const store = await target.open();
    const [a0, a1, a2, a3] = queues('acme', 4);
    const [b0, b1] = queues('beta', 2);
    await applyRevisions(store, [
      revisionOf('acme', [a0!, a1!, a2!, a3!]),
      revisionOf('beta', [b0!, b1!]),
    ]);
    await applyRevisions(store, [revisionOf('acme', [update(a3!, value({ v: 2 }))], 'plan-2')]);
    // Outside ccac: acme's a0 changed, a1 deleted, one row created; beta's b1 relabelled; acme's
    // a2 changed to the value drift adopted at revision 2 (so not drift).
    for (const sql of [
      `update resources set value = '{"spec": {"edited": true}}' where scope = 'acme' and name = 'q00000'`,
      `delete from resources where scope = 'acme' and name = 'q00001'`,
      `insert into resources (scope, kind, name, tenant, value, hash) values ('acme', 'Queue', 'extra', 'acme', '{"spec": {}}', 'x')`,
      `update resources set value = value || '{"labels": {"team": "x"}}' where scope = 'beta' and name = 'q00001'`,
      `update resources set value = '{"spec": {"adopted": 2}}' where scope = 'acme' and name = 'q00002'`,
      `insert into accepted_drift (scope, revision, address, kind, name, value) values ('acme', 2, 'acme/Queue/q00002', 'Queue', 'q00002', '{"spec": {"adopted": 2}}')`,
    ])
      await store.db.query(sql);

    const together = await readDriftedRows(store.db, ['beta', 'acme', 'acme']);
    const apart = await readDriftedRows(store.db, ['beta', 'acme', 'acme'], { scopeAtATime: true });

    expect(together.map((row) => row.address)).toEqual([
      'acme/Queue/extra',
      'acme/Queue/q00000',
      'acme/Queue/q00001',
      'beta/Queue/q00001',
    ]);
    expect(apart).toEqual(together);
  });
});
