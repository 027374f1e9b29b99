import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ResourceValue } from '../../src/model/model.js';
import { contentDigest } from '../../src/plan/digests.js';
import { diffValues } from '../../src/plan/diff-values.js';
import type { ResourceChange } from '../../src/model/plan.js';
import { cliWorkspace, PIETER, type CliWorkspace } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/**
 * Issue #16, part 5: a saved plan is input anyone can edit, and its digest is a plain SHA-256
 * anyone can make again. Each forgery below edits a plan `ccac plan --out` wrote, lists the
 * fields its values give and makes the digest again, exactly as an attacker can (with ccac's own
 * functions); `apply` must refuse it, exit 1, and leave the store as it was. With CCAC_PLAN_KEY,
 * only a plan signed with that key is applied.
 */

const SCENARIO_TIMEOUT = 600_000;
const FEMKE = 'femke.smit@vandijk.example'; // supervisor (customer org): business hours only
const QUEUE = 'vandijk-retail/Queue/Customer_Service_Voice';

interface SavedPlanFile {
  changes: ResourceChange[];
  summary: { create: number; update: number; delete: number };
  digest: string;
  signature?: { format: string; keyId: string; value: string };
  [field: string]: unknown;
}

async function readPlan(ws: CliWorkspace, file: string): Promise<SavedPlanFile> {
  return JSON.parse(await readFile(path.join(ws.dir, file), 'utf8')) as SavedPlanFile;
}

/** Writes an edited plan as an attacker would: fields and digest made again to match. */
async function forge(
  ws: CliWorkspace,
  plan: SavedPlanFile,
  file: string,
  edit: (plan: SavedPlanFile) => void,
): Promise<void> {
  const forged = structuredClone(plan);
  edit(forged);
  for (const change of forged.changes) change.fields = diffValues(change.before, change.after);
  const { digest: _old, signature: _signature, ...content } = forged;
  const digest = contentDigest(content);
  await writeFile(
    path.join(ws.dir, file),
    JSON.stringify({
      ...content,
      digest,
      ...(plan.signature ? { signature: plan.signature } : {}),
    }),
  );
}

/** A refused apply: exit 1, nothing written, the store as it was; what it said, for more checks. */
async function refused(
  ws: CliWorkspace,
  file: string,
  actor: string,
  expected: RegExp[],
  env?: Record<string, string>,
): Promise<string> {
  const before = await ws.dump();
  const result = await ws.run(['apply', file, '--actor', actor], env);
  const said = result.stdout + result.stderr;
  for (const pattern of expected) expect(said).toMatch(pattern);
  expect(said).not.toContain('Apply complete');
  expect(result.code).toBe(1);
  expect(await ws.dump()).toBe(before);
  return said;
}

const withSpec = (value: ResourceValue | null, spec: Record<string, unknown>): ResourceValue => ({
  ...value!,
  spec: { ...value!.spec, ...spec },
});

describe.each(storeTargets())('forged saved plans on $dialect', (target) => {
  test(
    "values outside the schema, derived fields, names that do not agree, before values that are not the store's: refused",
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      await ws.edit('vandijk-retail/queues.yaml', 'timeoutSeconds: 60\n', 'timeoutSeconds: 70\n');
      await ws.edit('vandijk-retail/users.yaml', 'displayName: Femke Smit', 'displayName: F. Smit');
      expect((await ws.run(['plan', 'config', '--out', 'p.json'])).code).toBe(0);
      const plan = await readPlan(ws, 'p.json');
      expect(plan.changes.map((c) => c.address)).toEqual([QUEUE, `vandijk-retail/User/${FEMKE}`]);
      const [queue, femke] = plan.changes as [ResourceChange, ResourceChange];
      const only = (change: ResourceChange) => (p: SavedPlanFile) => {
        p.changes = [change];
        p.summary = { create: 0, update: 0, delete: 0, [change.action]: 1 };
      };
      const queueWith = (spec: Record<string, unknown>) =>
        only({ ...queue, after: withSpec(queue.after, spec) });

      await forge(ws, plan, 'pigeon.json', queueWith({ channelType: 'carrier-pigeon' }));
      await refused(ws, 'pigeon.json', PIETER, [
        /PLAN_INVALID the plan file holds changes `ccac plan` does not write/,
        /SCHEMA changes\[0\] \(vandijk-retail\/Queue\/Customer_Service_Voice\) after: spec\.channelType: must be one of .*carrier-pigeon/,
      ]);

      await forge(ws, plan, 'unknown.json', queueWith({ priority: 'jump-the-queue' }));
      await refused(ws, 'unknown.json', PIETER, [
        /SCHEMA changes\[0\] \(vandijk-retail\/Queue\/Customer_Service_Voice\) after: spec\.priority: unknown field "priority"/,
      ]);

      await forge(ws, plan, 'huge.json', queueWith({ serviceLevelThresholdSeconds: -1e300 }));
      await refused(ws, 'huge.json', PIETER, [
        /SCHEMA changes\[0\] \(vandijk-retail\/Queue\/Customer_Service_Voice\) after: spec\.serviceLevelThresholdSeconds: must be >= 0/,
      ]);

      // A role the schema does not know, given by a full admin who may give any role.
      const godMode = { ...femke, after: withSpec(femke.before, { adminRoles: ['god-mode'] }) };
      await forge(ws, plan, 'god-mode.json', only(godMode));
      await refused(ws, 'god-mode.json', PIETER, [
        /SCHEMA changes\[0\] \(vandijk-retail\/User\/femke\.smit@vandijk\.example\) after: spec\.adminRoles\[0\]: must be one of/,
      ]);

      // A supervisor gives herself the Webex Connect tenant-owner role: derived from admin roles,
      // never written by users, so no permission covers it; only a plan could carry it.
      const selfGrant = {
        ...femke,
        after: withSpec(femke.before, { connectRole: 'tenant-owner' }),
      };
      await forge(ws, plan, 'self-grant.json', only(selfGrant));
      await refused(ws, 'self-grant.json', FEMKE, [
        /PLAN_INVALID changes\[0\] \(vandijk-retail\/User\/femke\.smit@vandijk\.example\) after: not the value ccac makes of this spec \(it differs in spec\.connectRole\)/,
      ]);

      // A name that is not the one in the address: the store would hold a resource under both.
      const ghost: ResourceChange = {
        address: 'vandijk-retail/Team/Ghost',
        tenant: 'vandijk-retail',
        kind: 'Team',
        name: 'Phantom',
        action: 'create',
        before: null,
        after: { spec: { description: 'not what it says' } },
      };
      await forge(ws, plan, 'mismatch.json', only(ghost));
      await refused(ws, 'mismatch.json', PIETER, [
        /PLAN_INVALID changes\[0\] has an address that is not the one its kind, tenant and name make/,
      ]);

      // Valid, canonical values, but a before that is not what the store holds.
      const stale = {
        ...queue,
        before: withSpec(queue.before, { serviceLevelThresholdSeconds: 5 }),
      };
      await forge(ws, plan, 'before.json', only(stale));
      await refused(ws, 'before.json', PIETER, [
        /Customer_Service_Voice: error PLAN_INVALID the plan's before value is not what the store holds \(it differs in spec\.serviceLevelThresholdSeconds\)/,
      ]);

      // The plan as written is applied.
      const applied = await ws.run(['apply', 'p.json', '--actor', PIETER]);
      expect(applied.stderr).toContain('Apply complete: 0 created, 2 updated, 0 deleted.');
      expect(applied.code).toBe(0);
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'with CCAC_PLAN_KEY only a plan signed with it is applied, and the key is never shown or kept',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      const key = `plan-key-${'k'.repeat(24)}-secret`;
      const signing = { CCAC_PLAN_KEY: key, CCAC_DEBUG: '1' };
      const outputs: string[] = [];
      const run = async (args: string[], env?: Record<string, string>) => {
        const result = await ws.run(args, env);
        outputs.push(result.stdout, result.stderr);
        return result;
      };
      await ws.edit('vandijk-retail/queues.yaml', 'timeoutSeconds: 60\n', 'timeoutSeconds: 70\n');

      expect((await run(['plan', 'config', '--out', 'unsigned.json'])).code).toBe(0);
      expect((await run(['plan', 'config', '--out', 'signed.json'], signing)).code).toBe(0);
      const unsigned = await readPlan(ws, 'unsigned.json');
      const signed = await readPlan(ws, 'signed.json');
      expect(unsigned.signature).toBeUndefined();
      expect(signed.signature).toMatchObject({ format: 'hmac-sha256/1' });
      expect(signed.signature!.keyId).toMatch(/^[0-9a-f]{16}$/);
      expect(signed.signature!.value).toMatch(/^[0-9a-f]{64}$/);
      expect(signed.digest).toBe(unsigned.digest); // the signature is outside what the digest covers

      outputs.push(
        await refused(
          ws,
          'unsigned.json',
          PIETER,
          [
            /PLAN_INVALID the plan file is not signed by a holder of CCAC_PLAN_KEY: it is not signed/,
          ],
          signing,
        ),
      );
      outputs.push(
        await refused(
          ws,
          'signed.json',
          PIETER,
          [
            /PLAN_INVALID the plan file is not signed by a holder of CCAC_PLAN_KEY: it is signed with key [0-9a-f]{16}, not with CCAC_PLAN_KEY \(key [0-9a-f]{16}\)/,
          ],
          { CCAC_PLAN_KEY: 'another key' },
        ),
      );
      // Edited without the key: values and digest made again, the signature kept.
      await forge(ws, signed, 'resigned.json', (p) => {
        p.changes[0]!.after = withSpec(p.changes[0]!.after, { serviceLevelThresholdSeconds: 1 });
      });
      outputs.push(
        await refused(
          ws,
          'resigned.json',
          PIETER,
          [/not signed by a holder of CCAC_PLAN_KEY: its signature does not match/],
          signing,
        ),
      );
      const empty = await run(['apply', 'signed.json', '--actor', PIETER], { CCAC_PLAN_KEY: '' });
      expect(empty.stderr).toContain('USAGE CCAC_PLAN_KEY is set but empty');
      expect(empty.code).toBe(1);

      const applied = await run(['apply', 'signed.json', '--actor', PIETER], signing);
      expect(applied.stderr).toContain('Apply complete: 0 created, 1 updated, 0 deleted.');
      expect(applied.code).toBe(0);

      // Without the key a signature proves nothing, and apply says what it did check.
      await ws.edit('vandijk-retail/queues.yaml', 'timeoutSeconds: 70\n', 'timeoutSeconds: 80\n');
      expect((await run(['plan', 'config', '--out', 'next.json'], signing)).code).toBe(0);
      const keyless = await run(['apply', 'next.json', '--actor', PIETER]);
      expect(keyless.stderr).toMatch(
        /warning PLAN_UNVERIFIED the plan file is signed with key [0-9a-f]{16}, but CCAC_PLAN_KEY is not set, so the signature is not checked: its digest shows only that the file is whole, not who wrote it/,
      );
      expect(keyless.code).toBe(0);

      const files = await Promise.all(
        ['signed.json', 'next.json'].map((f) => readFile(path.join(ws.dir, f), 'utf8')),
      );
      for (const text of [...outputs, ...files, await ws.dump()]) expect(text).not.toContain(key);
      expect(outputs.join('')).toContain('ccac: '); // CCAC_DEBUG notes were written, and checked
    },
    SCENARIO_TIMEOUT,
  );
});
