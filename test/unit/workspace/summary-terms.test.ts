import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcesOfScope, scopeDigest } from '../../../src/model/scope-digest.js';
import { scopeFacts, scopesHeld, summarizeConfig } from '../../../src/workspace/config-summary.js';
import { loadWholeConfig } from '../../../src/workspace/open-workspace.js';
import type { CheckedConfig } from '../../../src/config/check-config.js';
import type { DeclaredResource } from '../../../src/model/resource.js';
import { tempDir } from '../../helpers/temp-dir.js';

// The examples: flows reading definition files and entry points taking their tenant's timezone
// (no term made by the parse), implicit system entry points and organizations.
const EXAMPLES = path.resolve(import.meta.dirname, '../../../examples');

/** The examples and a second declaration of one of their teams (DUPLICATE_RESOURCE). */
async function examplesWithDuplicate(): Promise<CheckedConfig> {
  const duplicate = await tempDir({
    'teams.yaml': `apiVersion: ccac/v1
kind: Team
metadata:
  tenant: alnoor-bank
  name: Collections
spec:
  description: Declared twice.
`,
  });
  return loadWholeConfig([EXAMPLES, duplicate]);
}

/** Each scope's digest made from the model's resources alone, as the store's summary is. */
function fromModel({ desired }: CheckedConfig): Record<string, string> {
  return Object.fromEntries(
    scopesHeld(desired).map((scope) => [scope, scopeDigest(resourcesOfScope(desired, scope))]),
  );
}

const withTerm = (r: DeclaredResource, term: readonly [number, number]) =>
  Object.defineProperty(r, 'canonical', { value: { ...r.canonical!, term } });

describe("the configuration's summary from the parse's digest terms", () => {
  it('equals the digests of the model, scope by scope', async () => {
    const checked = await examplesWithDuplicate();
    const termed = checked.declared.filter((r) => r.canonical?.term);
    expect(termed.length).toBeGreaterThan(0);
    expect(termed.length).toBeLessThan(checked.declared.length);
    expect(checked.diagnostics.map((d) => d.code)).toContain('DUPLICATE_RESOURCE');
    expect(summarizeConfig(checked).digests).toEqual(fromModel(checked));
  });

  it('sums the terms of the declarations the model kept, and only theirs', async () => {
    const checked = await examplesWithDuplicate();
    const scopes = scopesHeld(checked.desired);
    const [kept, twice] = checked.declared.filter(
      (r) => r.kind === 'Team' && r.name === 'Collections',
    );
    withTerm(twice!, [1, 2]);
    expect(scopeFacts(checked.desired, scopes, checked.declared).digests).toEqual(
      fromModel(checked),
    );
    withTerm(kept!, [1, 2]);
    expect(scopeFacts(checked.desired, scopes, checked.declared).digests['alnoor-bank']).not.toBe(
      fromModel(checked)['alnoor-bank'],
    );
  });
});
