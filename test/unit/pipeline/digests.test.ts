import { describe, expect, test } from 'vitest';
import { assemblePlan, planChanges } from '../../../src/plan/make-plan.js';
import { renderPlan } from '../../../src/cli/render/render-plan.js';
import { Model } from '../../../src/model/model.js';
import { canonicalJson, sha256 } from '../../../src/model/canonical-json.js';
import { configDigest, contentDigest } from '../../../src/plan/digests.js';
import { knownHashes } from '../../../src/plan/planned-value.js';
import { model, res, tenant } from '../plan/fixtures.js';

/** A plan of a create, an update and a delete, made by the planner, and the model it leads to. */
function planned() {
  const desired = model(
    tenant('acme'),
    res('Queue', 'Q1', 'acme', { channelType: 'chat', agents: ['a@acme.example'] }),
    res('Team', 'New', 'acme', { description: 'new' }, { site: 'ams' }),
  );
  const stored = model(
    tenant('acme'),
    res('Queue', 'Q1', 'acme', { channelType: 'chat' }),
    res('Team', 'Old', 'acme', { description: 'old' }),
  );
  const changes = planChanges(desired, stored, new Set(['acme']));
  const plan = assemblePlan({ scopes: { acme: { baseRevision: 3 } }, changes, diagnostics: [] });
  return { plan, desired, stored };
}

const samplePlan = () => planned().plan;

describe('contentDigest', () => {
  test('is the same for the planned plan (hashes known) and its JSON read back (hashes computed)', () => {
    const { plan, desired, stored } = planned();
    expect(plan.changes.map((c) => c.action)).toEqual(['update', 'create', 'delete']);
    // As `plan --format json` prints it: every change with its fields.
    const readBack = JSON.parse(renderPlan(plan, 'json', false)) as object;
    expect(contentDigest(plan, knownHashes(desired, stored))).toBe(contentDigest(readBack));
    expect(contentDigest(plan)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test("takes a planned value's hash from its resource only while it holds the resource's content", () => {
    const { desired } = planned();
    const digest = contentDigest(planned().plan);
    // Resources whose hashes were wrong would show in the digest: the known ones are taken...
    const wrong = new Model([...desired.byAddress.values()].map((r) => ({ ...r, hash: 'x' })));
    const changes = planChanges(wrong, new Model(), new Set(['acme']));
    const plan = assemblePlan({ scopes: { acme: { baseRevision: 0 } }, changes, diagnostics: [] });
    const computed = contentDigest(JSON.parse(JSON.stringify(plan)) as object);
    const known = knownHashes(wrong);
    expect(contentDigest(plan, known)).not.toBe(computed);
    expect(contentDigest(plan, known)).not.toBe(digest);
    // ...only when given, and not once a value holds other content than its resource.
    expect(contentDigest(plan)).toBe(computed);
    for (const change of plan.changes) change.after!.spec = { ...change.after!.spec };
    expect(contentDigest(plan, known)).toBe(computed);
  });

  test('changes with any value, identity, base revision or diagnostic', () => {
    const digest = contentDigest(JSON.parse(JSON.stringify(samplePlan())) as object);
    const edits: ((plan: ReturnType<typeof samplePlan>) => void)[] = [
      (p) => ((p.changes[1]!.after!.spec as Record<string, unknown>).description = 'other'),
      (p) => ((p.changes[0]!.before!.spec as Record<string, unknown>).channelType = 'email'),
      (p) => (p.changes[2]!.name = 'Older'),
      (p) => (p.changes[2]!.action = 'update'),
      (p) => (p.tenants.acme!.baseRevision = 4),
      (p) => p.diagnostics.push({ severity: 'warning', code: 'PLAN_STALE', message: 'x' }),
    ];
    for (const edit of edits) {
      const plan = JSON.parse(JSON.stringify(samplePlan())) as ReturnType<typeof samplePlan>;
      edit(plan);
      expect(contentDigest(plan)).not.toBe(digest);
    }
  });

  test('writes names that JSON escapes as JSON.stringify does: quotes, backslashes, controls, lone surrogates, non-ASCII', () => {
    const odd = ['"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\ud800', 'é', '日本', '😀', 'a b'];
    const plan = JSON.parse(JSON.stringify(samplePlan())) as ReturnType<typeof samplePlan>;
    plan.changes = odd.map((text, i) => ({
      ...plan.changes[1]!,
      address: `${text}/Team/${i}`,
      name: text,
      tenant: text,
    }));
    const hashed = (value: object | null) => (value === null ? null : sha256(canonicalJson(value)));
    const asHashes = plan.changes.map((c) => ({ ...c, after: hashed(c.after), before: null }));
    const expected = `sha256:${sha256(canonicalJson({ ...plan, changes: asHashes }))}`;
    expect(contentDigest(plan)).toBe(expected);
  });

  test('leaves the fields to openSavedPlan: they are what the values give', () => {
    const plan = JSON.parse(JSON.stringify(samplePlan())) as ReturnType<typeof samplePlan>;
    const digest = contentDigest(plan);
    plan.changes[0]!.fields = [];
    expect(contentDigest(plan)).toBe(digest);
  });
});

describe('configDigest', () => {
  test("is the sha256 of the planned scopes' `address hash` lines, sorted, one per line", () => {
    const { desired } = planned();
    const other = model(tenant('beta'), res('Team', 'T', 'beta', { description: 'x' }));
    for (const resource of other.byAddress.values()) desired.add(resource);
    const lines = [...desired.byAddress.values()]
      .filter((r) => r.tenant === 'acme' || (r.kind === 'Tenant' && r.name === 'acme'))
      .map((r) => `${r.address} ${r.hash}`)
      .sort();
    expect(lines.length).toBeGreaterThan(2);
    expect(configDigest(desired, new Set(['acme']))).toBe(sha256(lines.join('\n')));
  });
});
