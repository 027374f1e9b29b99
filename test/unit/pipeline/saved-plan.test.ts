import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readAssets, readConfigFiles } from '../../../src/workspace/read-config-files.js';
import { Model } from '../../../src/model/model.js';
import { assetsNeeded, checkConfig, loadConfig } from '../../../src/config/check-config.js';
import { contentDigest } from '../../../src/plan/digests.js';
import { openSavedPlan } from '../../../src/saved-plan/open-saved-plan.js';
import {
  isSignedWithKey,
  openSignedPlanFile,
  savedPlanText,
  savedValueHashes,
  sealPlan,
  type SavedPlan,
} from '../../../src/saved-plan/saved-plan.js';
import { signedFileBytes } from '../../../src/saved-plan/plan-signature.js';
import { valueHash } from '../../../src/plan/planned-value.js';
import { diffValues } from '../../../src/plan/diff-values.js';
import { assemblePlan, planChanges } from '../../../src/plan/make-plan.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../examples');
const ORIGIN = { configDigest: 'c'.repeat(64), gitCommit: null };

/** Every example resource created from nothing: each kind, labels, flow definitions, defaults. */
async function examplesPlan() {
  const read = await readConfigFiles(
    ['organizations.yaml', 'vandijk-retail', 'alnoor-bank'].map((p) => path.join(EXAMPLES, p)),
  );
  const loaded = loadConfig(read.files);
  const checked = checkConfig(
    loaded.resources,
    loaded.diagnostics,
    readAssets(assetsNeeded(loaded.resources), read.folders),
  );
  const scopes = new Set(['_global', 'vandijk-retail', 'alnoor-bank']);
  const changes = planChanges(checked.desired, new Model(), scopes);
  const revisions = Object.fromEntries([...scopes].map((s) => [s, { baseRevision: 0 }]));
  return assemblePlan({ scopes: revisions, changes, diagnostics: [] });
}

/** A saved plan as its file holds it, edited, and its fields and digest made again to match (a signature, if any, kept). */
function forged(saved: SavedPlan, edit: (plan: SavedPlan) => void): string {
  const plan = JSON.parse(JSON.stringify(saved)) as SavedPlan;
  edit(plan);
  for (const change of plan.changes) change.fields = diffValues(change.before, change.after);
  const { digest: _digest, signature, ...content } = plan;
  const signed = 'signature' in plan ? { signature } : {};
  return JSON.stringify({ ...content, digest: contentDigest(content), ...signed });
}

function messages(text: string, key?: string): string[] {
  return openSavedPlan(text, 'p.json', key).diagnostics.map((d) => `${d.code} ${d.message}`);
}

describe('openSavedPlan', async () => {
  const plan = await examplesPlan();
  const saved = sealPlan(plan, ORIGIN);
  const text = JSON.stringify(saved);
  const kinds = new Set(saved.changes.map((c) => c.kind));

  test('takes back every value ccac itself writes, of every kind', () => {
    expect([...kinds].sort()).toEqual(
      [
        'BusinessHours',
        'Campaign',
        'DesktopProfile',
        'EntryPoint',
        'Flow',
        'Organization',
        'Queue',
        'Team',
        'Tenant',
        'User',
      ].sort(),
    );
    const opened = openSavedPlan(text, 'p.json', undefined);
    expect(opened.diagnostics).toEqual([]);
    expect(opened.plan?.digest).toBe(saved.digest);
  });

  test('refuses changes that do not name one resource consistently', () => {
    const at = (i: number) => saved.changes[i]!;
    const tenantAt = saved.changes.findIndex((c) => c.kind === 'Tenant');
    const queueAt = saved.changes.findIndex((c) => c.kind === 'Queue');
    const cases: [(plan: SavedPlan) => void, RegExp][] = [
      [(p) => (p.changes[queueAt]!.kind = 'Robot' as never), /names no kind ccac knows/],
      [(p) => (p.changes[queueAt]!.tenant = 'elsewhere'), /address that is not the one/],
      [(p) => (p.changes[tenantAt]!.tenant = null), /tenant that does not fit its kind Tenant/],
      [(p) => (p.changes[queueAt]!.action = 'delete'), /is a delete with the values of a create/],
      [(p) => p.changes.push(at(queueAt)), /changes the same resource as changes\[\d+\]/],
      [(p) => delete p.tenants['vandijk-retail'], /not among the plan's `tenants`/],
      [(p) => (p.changes[queueAt]!.after = [] as never), /neither a map nor null/],
      [
        (p) => ((p.changes[queueAt]!.after as { extra?: unknown }).extra = 1),
        /a value is a map of a spec and maybe labels, and nothing else/,
      ],
    ];
    for (const [edit, expected] of cases) {
      const said = messages(forged(saved, edit));
      expect(said[0], String(expected)).toMatch(
        /^PLAN_INVALID the plan file holds changes `ccac plan` does not/,
      );
      expect(said.slice(1).join('\n')).toMatch(expected);
    }
  });

  test('refuses values that are valid but not what ccac makes of them', () => {
    const flowAt = saved.changes.findIndex((c) => c.kind === 'Flow' && c.after?.spec);
    const epAt = saved.changes.findIndex((c) => c.kind === 'EntryPoint');
    const flow = (p: SavedPlan) => p.changes[flowAt]!.after!.spec as Record<string, unknown>;
    const entryPoint = (p: SavedPlan) => p.changes[epAt]!.after!.spec as Record<string, unknown>;
    // A flow names its definition by a file as written, never in the store.
    expect(messages(forged(saved, (p) => (flow(p).definitionFile = 'flows/x.json')))).toEqual([
      expect.stringMatching(/^PLAN_INVALID/),
      expect.stringMatching(
        /after: not the value ccac makes of this spec \(it differs in spec\.definition/,
      ),
    ]);
    // `active` defaults to true: left out, the value is not the canonical one.
    expect(messages(forged(saved, (p) => delete entryPoint(p).active))[1]).toMatch(
      /after: not the value ccac makes of this spec \(it differs in spec\.active\)/,
    );
  });

  test('refuses a file nested deeper than any plan, without recursing into it', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(messages(`{"formatVersion":1,"x":${deep}}`)).toEqual([
      'PLAN_INVALID not a plan file: it nests deeper than 64 levels',
    ]);
  });

  test('refuses a file nested one level deeper than any plan, and takes one at the limit', () => {
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    // The plan object is level 0, its key's value level 1: 63 more brackets reach level 64.
    expect(messages(`{"formatVersion":1,"x":${nested(64)}}`)).toEqual([
      'PLAN_INVALID not a plan file: it nests deeper than 64 levels',
    ]);
    expect(messages(`{"formatVersion":1,"x":${nested(63)}}`)).toEqual([
      'PLAN_INVALID not a plan file written by `ccac plan --out` (format version 1)',
    ]);
  });

  test("takes fields whose keys are in another order than ccac's, and refuses other fields", () => {
    const update = (p: SavedPlan) => {
      const at = p.changes.findIndex((c) => c.kind === 'User');
      const change = p.changes[at]!;
      change.action = 'update';
      change.before = JSON.parse(JSON.stringify(change.after)) as typeof change.before;
      const spec = change.before!.spec as { displayName: string };
      spec.displayName = `${spec.displayName} (earlier)`;
      return change;
    };
    const reorder = (fields: unknown) =>
      (fields as Record<string, unknown>[]).map((field) =>
        Object.fromEntries(Object.entries(field).reverse()),
      );
    const reordered = JSON.parse(forged(saved, update)) as SavedPlan;
    const change = reordered.changes.find((c) => c.action === 'update')!;
    change.fields = reorder(change.fields) as unknown as typeof change.fields;
    expect(JSON.stringify(change.fields)).not.toBe(
      JSON.stringify(diffValues(change.before, change.after)),
    );
    expect(messages(JSON.stringify(reordered))).toEqual([]);
    (change.fields![0] as { after?: unknown }).after = 'something else';
    expect(messages(JSON.stringify(reordered))).toEqual([
      expect.stringMatching(/^PLAN_INVALID .*fields of .* are not what its values give/),
    ]);
  });

  test('refuses configuration and commit digests not as ccac writes them', () => {
    const edits = [
      (p: SavedPlan) => (p.gitCommit = '`<img src=x>`'),
      (p: SavedPlan) => (p.configDigest = 'abc'),
      (p: SavedPlan) => (p.signature = null as never),
    ];
    for (const edit of edits)
      expect(messages(forged(saved, edit))).toEqual([
        'PLAN_INVALID not a plan file written by `ccac plan --out` (format version 1)',
      ]);
  });

  test('with a key, takes only what that key signed', () => {
    const signed = sealPlan(plan, ORIGIN, 'key one');
    expect(signed.signature?.value).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(signed)).not.toContain('key one');
    expect(messages(JSON.stringify(signed), 'key one')).toEqual([]);
    expect(messages(JSON.stringify(signed), 'key two')[0]).toMatch(
      /^PLAN_INVALID the plan file is not signed by a holder of CCAC_PLAN_KEY: it is signed with key [0-9a-f]{16}, not with/,
    );
    expect(messages(text, 'key one')[0]).toMatch(/: it is not signed$/);
    const swapped = { ...signed, signature: { ...signed.signature!, value: '0'.repeat(64) } };
    expect(messages(JSON.stringify(swapped), 'key one')[0]).toMatch(
      /its signature does not match$/,
    );
    const odd = { ...signed, signature: { ...signed.signature!, value: 'zz' } };
    expect(messages(JSON.stringify(odd), 'key one')[0]).toMatch(/not of the form hmac-sha256\/1/);
    expect(messages(JSON.stringify(signed))).toEqual([
      expect.stringMatching(/^PLAN_UNVERIFIED the plan file is signed with key [0-9a-f]{16}, but/),
    ]);
  });

  describe('a plan file signed as a whole (savedPlanText with the key)', () => {
    const signed = sealPlan(plan, ORIGIN, 'key one');
    const file = savedPlanText(signed, 'key one');
    /** The file as a key holder could sign it anew after `edit`: only the key vouches for it. */
    const resigned = (edit: (text: string) => string) =>
      signedFileBytes(
        edit(file)
          .replace(/"file": "[0-9a-f]{64}"/, `"file": "${'0'.repeat(64)}"`)
          .slice(0, -1),
        'key one',
      ).toString('utf8');

    test('lists each value hash and signs its own text last; the plan is the one sealed', () => {
      const { hashes, file: mac } = signed.signature!;
      expect(hashes).toHaveLength(signed.changes.length * 2);
      const first = signed.changes[0]!;
      expect(hashes![1]).toBe(valueHash(first.after!, first.address));
      expect(file).toMatch(/"file": "[0-9a-f]{64}"\n {2}\}\n\}\n$/);
      expect(mac).toBeUndefined();
      expect(file).not.toContain('key one');
      const opened = openSavedPlan(file, 'p.json', 'key one');
      expect(opened.diagnostics).toEqual([]);
      expect(isSignedWithKey(opened.plan!)).toBe(true);
      expect(opened.plan!.digest).toBe(signed.digest);
      expect(opened.plan!.changes).toEqual(signed.changes);
    });

    test('is trusted as written: its values are not hashed again nor its digest made again', () => {
      const first = signed.changes[0]!;
      const after = valueHash(first.after!, first.address);
      const listed = resigned((text) => text.replace(after, 'f'.repeat(64)));
      const opened = openSavedPlan(listed, 'p.json', 'key one');
      expect(opened.diagnostics).toEqual([]);
      const hashes = savedValueHashes(opened.plan!);
      expect(hashes(first.address, opened.plan!.changes[0]!.after!)).toBe('f'.repeat(64));
      const digest = resigned((text) => text.replace(signed.digest, `sha256:${'e'.repeat(64)}`));
      expect(openSavedPlan(digest, 'p.json', 'key one').plan?.digest).toBe(
        `sha256:${'e'.repeat(64)}`,
      );
    });

    test('edited, or signed with another key, is checked in full and refused as before', () => {
      const [name] = /"name": "[^"]+"/.exec(file)!;
      const edited = file.replace(name, name.replace(/"$/, 'x"'));
      expect(messages(edited, 'key one')).toEqual(messages(forgedName(signed, name), 'key one'));
      expect(messages(edited, 'key one')).toEqual([
        'PLAN_INVALID the plan file was edited after it was written (its digest does not match)',
      ]);
      expect(messages(file.replace(signed.digest, `sha256:${'e'.repeat(64)}`), 'key one')).toEqual([
        'PLAN_INVALID the plan file was edited after it was written (its digest does not match)',
      ]);
      expect(messages(file, 'key two')[0]).toMatch(
        /^PLAN_INVALID the plan file is not signed by a holder of CCAC_PLAN_KEY: it is signed with key [0-9a-f]{16}, not with/,
      );
      expect(messages(file)).toEqual([expect.stringMatching(/^PLAN_UNVERIFIED /)]);
    });

    test('is checked over the bytes it was read from, whatever characters it holds', () => {
      const [name] = /"displayName": "[^"]+"/.exec(file)!;
      const accented = resigned((text) => text.replace(name, '"displayName": "Zoë Ünal ✓"'));
      const bytes = Buffer.from(accented, 'utf8');
      expect(bytes.length).toBeGreaterThan(accented.length);
      expect(openSignedPlanFile(accented, 'key one', bytes)).toBeDefined();
      expect(openSignedPlanFile(accented, 'key one')).toBeDefined();
      const other = Buffer.from(accented.replace('Zoë', 'Zoe'), 'utf8');
      expect(openSignedPlanFile(accented, 'key one', other)).toBeUndefined();
      expect(openSignedPlanFile(accented, 'key two', bytes)).toBeUndefined();
    });

    test('reformatted, or without its own signature (an earlier ccac), is still taken in full', () => {
      const reformatted = JSON.stringify(JSON.parse(file));
      const opened = openSavedPlan(reformatted, 'p.json', 'key one');
      expect(opened.diagnostics).toEqual([]);
      expect(isSignedWithKey(opened.plan!)).toBe(true);
      const { hashes: _hashes, file: _file, ...earlier } = JSON.parse(file).signature;
      const older = JSON.stringify({ ...JSON.parse(file), signature: earlier }, null, 2);
      expect(messages(older, 'key one')).toEqual([]);
    });
  });
});

/** The plan file as the edit of `name` in its text leaves it (digest not made again). */
function forgedName(saved: SavedPlan, name: string): string {
  return JSON.stringify(saved).replace(
    name.replace(': ', ':'),
    name.replace(': ', ':').replace(/"$/, 'x"'),
  );
}
