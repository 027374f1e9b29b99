import { describe, expect, test } from 'vitest';
import { scopeName } from '../../src/model/address.js';
import type { RevisionRecord } from '../../src/model/revision.js';
import { cliWorkspace, PIETER } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/** `ccac history` and `ccac history show` through the built CLI, on one store per database. */
const SCENARIO_TIMEOUT = 300_000;

const RECORD_KEYS = [
  'id',
  'scope',
  'revision',
  'actor',
  'actorRole',
  'createdAt',
  'configDigest',
  'gitCommit',
  'planDigest',
  'counts',
  'prevHash',
  'hash',
];

describe.each(storeTargets())('the actor, normalised at the command line ($dialect)', (target) => {
  test(
    'typed with a BOM, spaces and capitals: authorized, recorded and found as one',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      await ws.edit(
        'alnoor-bank/queues.yaml',
        'serviceLevelThresholdSeconds: 20',
        'serviceLevelThresholdSeconds: 21',
      );
      const typed = `\uFEFF ${PIETER.toUpperCase()}\u00A0`;
      const applied = await ws.run(['apply', 'config', '--auto-approve'], { CCAC_ACTOR: typed });
      expect(applied.code, applied.stderr).toBe(0);
      expect((await ws.revisions()).at(-1)?.actor).toBe(PIETER);
      const found = await ws.run([
        'history',
        '--format',
        'json',
        '--actor',
        ` Pieter.Laan@Northwind-Partners.example `,
      ]);
      expect(found.code, found.stderr).toBe(0);
      const { revisions } = JSON.parse(found.stdout) as { revisions: RevisionRecord[] };
      expect(revisions.map((r) => `${r.scope}@${r.revision} ${r.actor}`)).toEqual([
        `alnoor-bank@2 ${PIETER}`,
        `vandijk-retail@1 ${PIETER}`,
        `alnoor-bank@1 ${PIETER}`,
        `organizations@1 ${PIETER}`,
      ]);
    },
    SCENARIO_TIMEOUT,
  );

  test('an invisible or control character in it is refused, with nothing written', async () => {
    const ws = await cliWorkspace(target, { applied: true });
    await ws.edit(
      'alnoor-bank/queues.yaml',
      'serviceLevelThresholdSeconds: 20',
      'serviceLevelThresholdSeconds: 21',
    );
    const before = await ws.dump();
    const hidden = PIETER.replace('@', '\u200B@');
    for (const result of [
      await ws.apply(hidden),
      await ws.run(['apply', 'config', '--auto-approve'], {
        CCAC_ACTOR: PIETER.replace('.', '\u202E.'),
      }),
      await ws.run(['plan', 'config', '--actor', hidden]),
      await ws.run(['history', '--actor', hidden]),
    ]) {
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/holds U\+(200B|202E), a control or invisible character/);
      expect(result.stdout).toBe('');
    }
    expect(await ws.dump()).toBe(before);
  });
});

describe.each(storeTargets())('history on $dialect', (target) => {
  test(
    'lists revisions newest first with filters; show prints one revision as a plan',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      await ws.edit(
        'alnoor-bank/queues.yaml',
        'serviceLevelThresholdSeconds: 20',
        'serviceLevelThresholdSeconds: 21',
      );
      expect((await ws.apply(PIETER)).code).toBe(0);
      const stored = await ws.revisions();
      expect(stored.map((r) => `${r.id}:${r.scope}@${r.revision}`)).toEqual([
        '1:_global@1',
        '2:alnoor-bank@1',
        '4:alnoor-bank@2',
        '3:vandijk-retail@1',
      ]);

      const text = await ws.run(['history']);
      expect(text.code).toBe(0);
      const lines = text.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^ID +TIME +TENANT +ACTOR +ROLE +CHANGES +CONFIG +COMMIT$/);
      expect(lines.slice(1).map((line) => line.trim().split(/\s+/)[0])).toEqual([
        '4',
        '3',
        '2',
        '1',
      ]);
      const config = stored[2]!.configDigest.slice(0, 12);
      expect(lines[1]).toMatch(
        new RegExp(
          `^ *4 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +alnoor-bank@2 +${PIETER.replace(/\./g, '\\.')} +.*full-admin.* +\\+0 ~1 -0 +${config} +-$`,
        ),
      );
      // Columns line up: every row's CHANGES cell starts where the header's does.
      const at = lines[0]!.indexOf('CHANGES');
      for (const line of lines.slice(1)) expect(line.slice(at)).toMatch(/^\+\d+ ~\d+ -\d+ /);

      const ids = async (...args: string[]) => {
        const result = await ws.run(['history', '--format', 'json', ...args]);
        expect(result.code, result.stderr).toBe(0);
        return (JSON.parse(result.stdout) as { revisions: RevisionRecord[] }).revisions.map(
          (r) => r.id,
        );
      };
      const all = await ws.run(['history', '--format', 'json']);
      const records = (JSON.parse(all.stdout) as { revisions: RevisionRecord[] }).revisions;
      // The store keys the organizations' scope `_global`; what ccac shows names it `organizations`.
      const listed = stored.map((r) => ({ ...r, scope: scopeName(r.scope) }));
      expect(records).toEqual(listed.sort((a, b) => b.id - a.id));
      expect(Object.keys(records[0]!)).toEqual(RECORD_KEYS);

      expect(await ids('--tenant', 'alnoor-bank')).toEqual([4, 2]);
      expect(
        await ids('--tenant', 'alnoor-bank', '--tenant', 'organizations', '--limit', '2'),
      ).toEqual([4, 2]);
      expect(await ids('--actor', 'someone@else.example')).toEqual([]);
      expect(await ids('--actor', PIETER.toUpperCase(), '--since', '2000-01-01')).toEqual([
        4, 3, 2, 1,
      ]);
      expect(await ids('--since', '2999-01-01T00:00Z')).toEqual([]);
      expect(await ids('--kind', 'Organization')).toEqual([1]);
      expect(await ids('--kind', 'Queue', '--tenant', 'vandijk-retail')).toEqual([3]);
      expect(await ids('--address', 'alnoor-bank/Queue/Retail_Hotline')).toEqual([4, 2]);
      expect(await ids('--address', 'Tenant/vandijk-retail')).toEqual([3]);

      const none = await ws.run(['history', '--actor', 'someone@else.example']);
      expect(none.stdout).toBe('No revisions.\n');
      const badSince = await ws.run(['history', '--since', 'yesterday', '--limit', '0']);
      expect(badSince.code).toBe(1);
      expect(badSince.stderr).toContain('error USAGE --since takes an ISO date or datetime');
      expect(badSince.stderr).toContain('error USAGE --limit takes a positive whole number');

      const show = await ws.run(['history', 'show', '4']);
      expect(show.code).toBe(0);
      expect(show.stdout).toMatch(/^Revision 4\n {2}tenant: +alnoor-bank revision 2\n/);
      expect(show.stdout).toContain(`  actor:    ${PIETER} (`);
      expect(show.stdout).toContain(`  previous: ${stored[1]!.hash}\n`);
      expect(show.stdout).toContain(
        '  ~ alnoor-bank/Queue/Retail_Hotline was updated\n' +
          '      ~ spec.serviceLevelThresholdSeconds: 20 → 21\n',
      );
      expect(show.stdout).toMatch(
        /Revision 4 \(alnoor-bank revision 2\): 0 created, 1 updated, 0 deleted\.\n$/,
      );

      const showJson = await ws.run(['history', 'show', '4', '--format', 'json']);
      const shown = JSON.parse(showJson.stdout) as {
        revision: RevisionRecord;
        plan: { tenants: unknown; changes: { address: string; fields: unknown[] }[] };
      };
      expect(shown.revision).toEqual(stored[2]);
      expect(shown.plan.tenants).toEqual({ 'alnoor-bank': { baseRevision: 1 } });
      expect(shown.plan.changes).toEqual([
        expect.objectContaining({
          address: 'alnoor-bank/Queue/Retail_Hotline',
          fields: [{ path: 'spec.serviceLevelThresholdSeconds', before: 20, after: 21 }],
        }),
      ]);

      const markdown = await ws.run(['history', 'show', '1', '--format', 'markdown']);
      expect(markdown.stdout).toMatch(/^## ccac revision 1\n/);
      expect(markdown.stdout).toContain('Organization/northwind-partners');

      const missing = await ws.run(['history', 'show', '99']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('there is no revision with id 99');
    },
    SCENARIO_TIMEOUT,
  );
});
