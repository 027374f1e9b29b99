import { describe, expect, test } from 'vitest';
import type { RevisionRecord } from '../../src/model/revision.js';
import { PIETER, type JsonPlan } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';
import { ORG, TENANT, webexWorkspace } from '../helpers/webex-workspace.js';

interface ApplyPushJson {
  apply: (JsonPlan & { revisions: RevisionRecord[] }) | null;
  push: { dryRun: boolean; tenants: { tenant: string; status: string }[] } | null;
}

/** `apply --push --format json` prints one JSON document holding the apply's and the push's. */
describe.each(storeTargets())('apply --push --format json ($dialect)', (target) => {
  test('stdout is one document: the apply (plan, revisions) and the push', async () => {
    const ws = await webexWorkspace(target);
    const applyPush = (more: string[] = []) =>
      ws.run(
        [
          'apply',
          'config',
          '--auto-approve',
          '--actor',
          PIETER,
          '--push',
          '--format',
          'json',
          ...more,
        ],
        ws.env,
      );
    await ws.edit(
      'vandijk-retail/queues.yaml',
      'serviceLevelThresholdSeconds: 45',
      'serviceLevelThresholdSeconds: 50',
    );
    const first = await applyPush(['--detailed-exitcode']);
    expect(first.code, first.stderr).toBe(2);
    const both = JSON.parse(first.stdout) as ApplyPushJson;
    expect(both.apply?.summary).toEqual({ create: 0, update: 1, delete: 0 });
    expect(both.apply?.revisions.map((r) => r.scope)).toEqual([TENANT]);
    expect(both.push?.dryRun).toBe(false);
    expect(both.push?.tenants.map((t) => [t.tenant, t.status])).toEqual([[TENANT, 'converged']]);
    expect(ws.sim.org(ORG).byName('queues', 'Webshop_Chat')?.serviceLevelThreshold).toBe(50);

    // Nothing applied, nothing pushed: still one document, its push null.
    const again = await applyPush();
    expect(again.code, again.stderr).toBe(0);
    const none = JSON.parse(again.stdout) as ApplyPushJson;
    expect(none.apply?.changes).toEqual([]);
    expect(none.push).toBeNull();
    expect(again.stderr).toContain('nothing is pushed');
  }, 300_000);
});
