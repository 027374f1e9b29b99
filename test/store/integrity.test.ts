import { describe, expect, it } from 'vitest';
import { hashed } from '../../src/model/canonicalize.js';
import { scopeDigest, type ScopeDigestInput } from '../../src/model/scope-digest.js';
import { migrate } from '../../src/store/migrate.js';
import { storeTargets } from '../helpers/databases.js';
import {
  applyRevisions,
  create,
  queues,
  remove,
  revisionOf,
  update,
  value,
} from './fixtures/changes.js';

describe.each(storeTargets())(
  'what a read tells about edits outside ccac on $dialect',
  (target) => {
    it('vouches for rows ccac wrote, and keeps count through creates, updates and deletes', async () => {
      const store = await target.open();
      const first = queues('acme', 3);
      await applyRevisions(store, [
        revisionOf('acme', first),
        revisionOf('beta', queues('beta', 2)),
      ]);
      await applyRevisions(store, [
        revisionOf('acme', [
          update(first[0]!, value({ channelType: 'chat', v: 2 })),
          remove(first[1]!),
          create('acme', 'Team', 't', value({}, { team: 'x' })),
        ]),
      ]);

      const state = await store.readState(['acme', 'beta', 'nobody']);
      expect(state.integrity).toEqual(
        new Map([
          ['acme', { rows: 3, intact: true, recorded: 3 }],
          ['beta', { rows: 2, intact: true, recorded: 2 }],
          ['nobody', { rows: 0, intact: true, recorded: 0 }],
        ]),
      );
      const team = state.model.get('Team', 't', 'acme')!;
      expect(team.hash).toBe(hashed(value({}, { team: 'x' })).hash);
      // Values are parsed on first read; spreading and JSON see them like plain properties.
      expect({ ...team }).toMatchObject({ labels: { team: 'x' }, spec: {} });
      expect(JSON.parse(JSON.stringify(team))).toEqual({
        kind: 'Team',
        name: 't',
        tenant: 'acme',
        address: 'acme/Team/t',
        hash: team.hash,
        labels: { team: 'x' },
        spec: {},
      });
    });

    it('finds rows changed, renamed, added or removed by other SQL', async () => {
      const store = await target.open();
      const [a, b, c] = queues('acme', 3);
      await applyRevisions(store, [
        revisionOf('acme', [a!, b!, c!]),
        revisionOf('beta', queues('beta', 2)),
      ]);
      await applyRevisions(store, [revisionOf('gamma', queues('gamma', 2))]);
      await store.db.query(
        `update resources set value = jsonb_set(value, '{spec,i}', '99')
        where scope = 'acme' and name = 'q00000'`,
      );
      await store.db.query(
        `update resources set name = 'renamed' where scope = 'beta' and name = 'q00000'`,
      );
      await store.db.query(`delete from resources where scope = 'gamma' and name = 'q00001'`);

      const state = await store.readState(['acme', 'beta', 'gamma']);
      expect(state.integrity).toEqual(
        new Map([
          ['acme', { rows: 3, intact: false, recorded: 3 }],
          ['beta', { rows: 2, intact: false, recorded: 2 }],
          ['gamma', { rows: 1, intact: true, recorded: 2 }],
        ]),
      );
      // The edited value is hashed from what is stored now, so it plans as a change.
      const edited = state.model.get('Queue', 'q00000', 'acme')!;
      expect(edited.spec).toEqual({ channelType: 'chat', version: 1, i: 99 });
      expect(edited.hash).toBe(hashed(value({ channelType: 'chat', version: 1, i: 99 })).hash);
      expect(state.model.get('Queue', 'q00001', 'acme')!.hash).toBe(hashed(b!.after!).hash);

      // A row inserted by other SQL carries no checksum.
      await store.db.query(
        `insert into resources (scope, kind, name, tenant, value, hash)
       select scope, kind, 'copy', tenant, value, hash from resources where scope = 'gamma'`,
      );
      expect((await store.readState(['gamma'])).integrity?.get('gamma')).toEqual({
        rows: 2,
        intact: false,
        recorded: 2,
      });
    });

    it('never takes rows written by other SQL for ccac’s, whatever that SQL sets', async () => {
      const store = await target.open();
      await applyRevisions(store, [revisionOf('acme', queues('acme', 2))]);
      // The flag migration 003 trusted: any session could set it.
      await store.db.query(`select set_config('ccac.writing', 'on', false)`);
      await store.db.query(
        `update resources set value = jsonb_set(value, '{spec,i}', '7')
          where scope = 'acme' and name = 'q00000'`,
      );
      await store.db.query(
        `insert into resources (scope, kind, name, tenant, value, hash)
         values ('beta', 'Queue', 'qx', 'beta', '{"spec": {}}', 'x')`,
      );
      const summaries = await store.scopeSummaries(['acme', 'beta']);
      expect(summaries.get('acme')).toMatchObject({ rows: 2, intact: false });
      expect(summaries.get('beta')).toMatchObject({ rows: 1, intact: false });
      // Its stored hash is not trusted either: the value is hashed as read.
      const state = await store.readState(['acme']);
      expect(state.model.get('Queue', 'q00000', 'acme')!.hash).toBe(
        hashed(value({ channelType: 'chat', version: 1, i: 7 })).hash,
      );
    });

    it('writes a create over a row inserted by other SQL since the plan read the store', async () => {
      const store = await target.open();
      const [a, b] = queues('acme', 2);
      await store.db.query(
        `insert into resources (scope, kind, name, tenant, value, hash)
       values ('acme', 'Queue', 'q00001', 'acme', '{"spec": {"stale": true}}', 'x')`,
      );
      await applyRevisions(store, [revisionOf('acme', [a!, b!])]);
      const state = await store.readState(['acme']);
      expect(state.model.get('Queue', 'q00001', 'acme')).toMatchObject({
        spec: b!.after!.spec,
        hash: hashed(b!.after!).hash,
      });
      // Written by ccac now, so vouched for; the count follows the recorded creates.
      expect(state.integrity?.get('acme')).toEqual({ rows: 2, intact: true, recorded: 2 });
    });

    it('counts what the recorded history builds when it migrates a store made before counts', async () => {
      const url = await target.freshUrl();
      const store = await target.open(url);
      const first = queues('acme', 3);
      await applyRevisions(store, [revisionOf('acme', first)]);
      await applyRevisions(store, [revisionOf('acme', [remove(first[2]!)])]);
      // Back to the schema of migration 001, as a store written by an older ccac.
      await store.db.query('delete from ccac_migrations where version > 1');
      await store.db.query(
        'drop table ccac_writes, accepted_drift, webex_remote_refs, webex_tenants, webex_pushes',
      );
      await store.db.query('alter table scopes drop column resource_count');
      await store.db.query('alter table resources drop column digest_term');

      expect(await migrate(store.db)).toEqual({
        applied: [
          '002-integrity',
          '003-vouched-rows',
          '004-ccac-writes',
          '005-webex',
          '006-digest-terms',
        ],
      });
      const state = await store.readState(['acme']);
      // Its rows predate checksums: not vouched for until ccac writes them again.
      expect(state.integrity?.get('acme')).toEqual({ rows: 2, intact: false, recorded: 2 });
      expect(state.model.get('Queue', 'q00000', 'acme')!.hash).toBe(hashed(first[0]!.after!).hash);
    });

    it('trusts, migrating a store of migration 003, the rows whose values the history holds', async () => {
      const url = await target.freshUrl();
      const store = await target.open(url);
      await applyRevisions(store, [revisionOf('acme', queues('acme', 3))]);
      await applyRevisions(store, [revisionOf('beta', queues('beta', 2))]);
      // Back to the schema of migration 003: every row vouched for, without rewriting one.
      await store.db.query('delete from ccac_migrations where version > 3');
      await store.db.query(
        'drop table ccac_writes, accepted_drift, webex_remote_refs, webex_tenants, webex_pushes',
      );
      await store.db.query('alter table resources drop column digest_term');
      await store.db.query(
        'alter table resources add column vouched boolean not null default true',
      );
      // Edited with the flag left set, as `set ccac.writing = 'on'` let any session do.
      await store.db.query(
        `update resources set value = jsonb_set(value, '{spec,i}', '9')
          where scope = 'acme' and name = 'q00001'`,
      );

      expect(await migrate(store.db)).toEqual({
        applied: ['004-ccac-writes', '005-webex', '006-digest-terms'],
      });
      const summaries = await store.scopeSummaries(['acme', 'beta']);
      expect(summaries.get('acme')).toMatchObject({ rows: 3, intact: false });
      expect(summaries.get('beta')).toMatchObject({ rows: 2, intact: true });
      expect((await store.driftedRows(['acme', 'beta'])).map((row) => row.address)).toEqual([
        'acme/Queue/q00001',
      ]);
    });

    it('keeps, migrating a store of migration 005, the scopes whose rows ccac wrote, with their digests', async () => {
      const url = await target.freshUrl();
      const store = await target.open(url);
      await applyRevisions(store, [revisionOf('acme', queues('acme', 3))]);
      await applyRevisions(store, [revisionOf('beta', queues('beta', 2))]);
      await store.db.query(
        `update resources set value = jsonb_set(value, '{spec,i}', '9')
          where scope = 'acme' and name = 'q00001'`,
      );
      // Back to the schema of migration 005 (dropping a column rewrites no row).
      await store.db.query('delete from ccac_migrations where version > 5');
      await store.db.query('alter table resources drop column digest_term');

      expect(await migrate(store.db)).toEqual({ applied: ['006-digest-terms'] });
      const summaries = await store.scopeSummaries(['acme', 'beta']);
      expect(summaries.get('acme')).toMatchObject({ rows: 3, intact: false });
      expect(summaries.get('beta')).toMatchObject({ rows: 2, intact: true });
      for (const scope of ['acme', 'beta']) {
        const rows = await store.db.query<ScopeDigestInput>(
          'select kind, name, tenant, hash from resources where scope = $1',
          [scope],
        );
        expect(summaries.get(scope)!.digest).toBe(scopeDigest(rows));
      }
      expect((await store.driftedRows(['acme', 'beta'])).map((row) => row.address)).toEqual([
        'acme/Queue/q00001',
      ]);
    });
  },
);
