import { describe, expect, test } from 'vitest';
import { exportFiles } from '../../../src/export/export-files.js';
import { fileSafe } from '../../../src/export/path-segment.js';
import { exportStream } from '../../../src/export/export-stream.js';
import { selectTenants } from '../../../src/export/select-tenants.js';
import { Model } from '../../../src/model/model.js';
import { checkConfig, loadConfig } from '../../../src/config/check-config.js';
import { ODD_NAMES, ODD_TENANT, oddConfig } from './odd-config.js';

/** Loads in-memory files as `plan` would: YAML files are configuration, others assets. */
function load(files: ReadonlyMap<string, string> | Record<string, string>) {
  const entries = files instanceof Map ? [...files] : Object.entries(files);
  const sources = entries
    .filter(([p]) => /\.ya?ml$/.test(p))
    .map(([path, text]) => ({ path, text }));
  const loaded = loadConfig(sources);
  return checkConfig(
    loaded.resources,
    loaded.diagnostics,
    new Map(entries.filter(([p]) => !/\.ya?ml$/.test(p))),
  );
}

/** The files of an export that must succeed. */
function filesOf(model: Model): Map<string, string> {
  const layout = exportFiles(model);
  if ('refused' in layout) throw new Error(layout.refused.message);
  return layout.files;
}

function hashes(model: Model): [string, string][] {
  return [...model.byAddress.values()].map((r): [string, string] => [r.address, r.hash]).sort();
}

describe('exportFiles', () => {
  const original = load(oddConfig());

  test('the odd configuration is valid to begin with', () => {
    expect(original.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('odd names, texts and flow definitions round-trip to the same canonical model', () => {
    const files = filesOf(original.desired);
    const again = load(files);
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(hashes(again.desired)).toEqual(hashes(original.desired));
    for (const name of ODD_NAMES) expect(again.desired.get('Team', name, ODD_TENANT)).toBeDefined();
  });

  test('the canonical layout: one folder per tenant, one file per kind, flows beside them', () => {
    const files = [...filesOf(original.desired).keys()];
    expect(files.filter((f) => f.endsWith('.yaml'))).toEqual([
      `${ODD_TENANT}/flows.yaml`,
      `${ODD_TENANT}/teams.yaml`,
      `${ODD_TENANT}/tenant.yaml`,
      `${ODD_TENANT}/users.yaml`,
    ]);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(3);
    for (const f of files.filter((f) => f.endsWith('.json')))
      expect(f).toMatch(new RegExp(`^${ODD_TENANT}/flows/[a-z0-9_-]+-[0-9a-f]{8}\\.json$`));
  });

  test('derived fields stay out, and the default system entry point is not written', () => {
    const text = [...filesOf(original.desired).values()].join('\n');
    expect(text).not.toContain('connectRole');
    expect(text).not.toContain('Outdial Transfer to Queue');
  });

  test('deterministic: the same model from shuffled input exports byte for byte the same', () => {
    const shuffled = oddConfig();
    const teams = shuffled['teams.yaml']!.split('---\n').reverse().join('---\n');
    const reordered = load({ ...shuffled, 'teams.yaml': teams });
    expect([...filesOf(reordered.desired)]).toEqual([...filesOf(original.desired)]);
  });

  test('a tenant name that cannot be a folder (an edited store) refuses the whole export', () => {
    const hostile = '../../../../tmp/x';
    const edited = new Model(
      [...original.desired.byAddress.values()].map((resource) =>
        resource.kind === 'Tenant'
          ? { ...resource, name: hostile }
          : { ...resource, tenant: resource.tenant === null ? null : hostile },
      ),
    );
    expect(exportFiles(edited)).toEqual({
      refused: expect.objectContaining({
        code: 'STORE',
        message: expect.stringContaining(`tenant name "${hostile}" cannot be a folder name`),
      }),
    });
  });

  test('file names: a slug for people, a hash of the exact name to keep them apart', () => {
    expect(fileSafe('Sales')).not.toBe(fileSafe('sales'));
    expect(fileSafe('a b')).not.toBe(fileSafe('a-b'));
    expect(fileSafe('🦜')).toMatch(/^flow-[0-9a-f]{8}$/);
    expect(fileSafe('../../etc/passwd')).toMatch(/^etc-passwd-[0-9a-f]{8}$/);
  });
});

describe('exportStream', () => {
  test('refuses a state with flow definitions, naming how many', () => {
    expect(
      exportStream(
        new Map([
          ['t/flows/x.json', '{}'],
          ['t/flows.yaml', 'a: 1\n'],
        ]),
      ),
    ).toEqual({
      assets: ['t/flows/x.json'],
    });
  });

  test('joins files into one stream that loads as the same model', () => {
    const config = oddConfig();
    delete config['flows.yaml'];
    const model = load(config).desired;
    const stream = exportStream(filesOf(model));
    if (!('text' in stream)) throw new Error('expected a stream');
    expect(hashes(load({ 'all.yaml': stream.text }).desired)).toEqual(hashes(model));
  });
});

describe('selectTenants', () => {
  test('keeps the named tenants and every organization; names unknown tenants', () => {
    const model = load({
      ...oddConfig(),
      'orgs.yaml':
        'apiVersion: ccac/v1\nkind: Organization\nmetadata:\n  name: partner-co\nspec:\n  type: partner\n',
    }).desired;
    const selected = selectTenants(model, [ODD_TENANT, 'nope']);
    expect(selected.unknown).toEqual(['nope']);
    expect(selected.model.size).toBe(model.size);
    expect(selectTenants(model, ['nope']).model.organizations()).toHaveLength(1);
    expect(selectTenants(model, ['nope']).model.tenants()).toHaveLength(0);
  });
});
