import { describe, expect, it } from 'vitest';
import { addressOf } from '../../src/model/address.js';
import { hashed } from '../../src/model/canonicalize.js';
import type { Kind } from '../../src/model/kinds.js';
import { Model, type ModelResource, type ResourceValue } from '../../src/model/model.js';
import type { Queryable } from '../../src/store/database.js';
import { readState } from '../../src/store/read-state.js';
import { storeTargets } from '../helpers/databases.js';
import { applyRevisions, queues, revisionOf, value } from './fixtures/changes.js';

/** A declared resource, as the configuration's model holds it. */
function declared(tenant: string, kind: Kind, name: string, of: ResourceValue): ModelResource {
  return { kind, name, tenant, address: addressOf(kind, name, tenant), ...hashed(of) };
}

/** What a read holds, value for value: every resource's identity, hash, labels and spec. */
function contents(model: Model) {
  return [...model.byAddress.values()].map((r) => JSON.parse(JSON.stringify(r)) as unknown);
}

describe.each(storeTargets())(
  'reading the stored state against a declared one on $dialect',
  (target) => {
    it('takes the declared value of a row ccac wrote with its hash, and reads every other', async () => {
      const store = await target.open();
      const [same, changed, undeclared, edited] = queues('acme', 4);
      await applyRevisions(store, [revisionOf('acme', [same!, changed!, undeclared!, edited!])]);
      // Edited outside ccac, its hash left as it was: the row is no longer vouched for.
      await store.db.query(
        `update resources set value = jsonb_set(value, '{spec,i}', '99')
        where scope = 'acme' and name = 'q00003'`,
      );
      const config = new Model([
        declared('acme', 'Queue', 'q00000', same!.after!),
        declared('acme', 'Queue', 'q00001', value({ channelType: 'email' })),
        declared('acme', 'Queue', 'q00003', edited!.after!),
      ]);

      const plain = await readState(store.db, ['acme']);
      const against = await readState(store.db, ['acme'], config);

      // The same state, resource for resource and in the same order, the same integrity.
      expect(contents(against.model)).toEqual(contents(plain.model));
      expect(against.integrity).toEqual(plain.integrity);
      expect(against.revisions).toEqual(plain.revisions);
      // The unchanged row's value is the configuration's: it was not sent.
      expect(against.model.get('Queue', 'q00000', 'acme')!.spec).toBe(
        config.get('Queue', 'q00000', 'acme')!.spec,
      );
      // The changed one is the stored value; the edited one is read and hashed again.
      expect(against.model.get('Queue', 'q00001', 'acme')!.spec).toEqual(changed!.after!.spec);
      const read = against.model.get('Queue', 'q00003', 'acme')!;
      expect(read.spec).toMatchObject({ i: 99 });
      expect(read.hash).not.toBe(config.get('Queue', 'q00003', 'acme')!.hash);
    });

    it('reads a scope that holds no row as empty, beside one that holds rows', async () => {
      const store = await target.open();
      const [a] = queues('acme', 1);
      await applyRevisions(store, [revisionOf('acme', [a!])]);
      const config = new Model([
        declared('acme', 'Queue', 'q00000', a!.after!),
        declared('globex', 'Queue', 'q00000', a!.after!),
      ]);

      const plain = await readState(store.db, ['globex', 'acme']);
      const against = await readState(store.db, ['globex', 'acme'], config);

      expect(contents(against.model)).toEqual(contents(plain.model));
      expect([...against.model.byAddress.keys()]).toEqual(['acme/Queue/q00000']);
      expect(against.integrity).toEqual(plain.integrity);
      expect(against.integrity?.get('globex')).toEqual({ rows: 0, intact: true, recorded: 0 });
    });

    it('reads again in one query when a row changes between the keys and the values', async () => {
      const store = await target.open();
      const [a, b] = queues('acme', 2);
      await applyRevisions(store, [revisionOf('acme', [a!, b!])]);
      const config = new Model([declared('acme', 'Queue', 'q00000', a!.after!)]);
      // Another session writes q00001 after its key and hash were read, before its value is.
      let edits = 0;
      const racing: Queryable = {
        copyFrom: (table, columns, rows) => store.db.copyFrom(table, columns, rows),
        query: async (sql, params) => {
          if (sql.includes(' as k(') && edits++ === 0)
            await store.db.query(
              `update resources set value = '{"spec": {"late": true}}', hash = 'h' where name = 'q00001'`,
            );
          return store.db.query(sql, params);
        },
      };

      const state = await readState(racing, ['acme'], config);

      expect(edits).toBe(1);
      const late = state.model.get('Queue', 'q00001', 'acme')!;
      expect(late.spec).toEqual({ late: true });
      expect(state.integrity?.get('acme')).toMatchObject({ rows: 2, intact: false });
    });
  },
);
