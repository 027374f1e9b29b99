import { describe, expect, test } from 'vitest';
import { exportFiles } from '../../../src/export/export-files.js';
import { inSchemaOrder } from '../../../src/export/schema-order.js';
import { withoutDefaults } from '../../../src/export/without-defaults.js';
import { kindSchemas } from '../../../src/config/schemas.js';
import { checkYamlModel } from './check-yaml-model.js';

const CONFIG = `apiVersion: ccac/v1
kind: Tenant
metadata:
  name: acme
spec:
  timezone: Europe/Amsterdam
  subscription: trial
  countryOfOperation: NL
  platform: new-platform
  telephony: webex-calling
  connect: {enabled: false}
  restrictUnassignedQueueLogin: false
---
apiVersion: ccac/v1
kind: EntryPoint
metadata:
  name: Chat
  tenant: acme
spec:
  timezone: Europe/Amsterdam
  active: true
  channelType: chat
---
apiVersion: ccac/v1
kind: EntryPoint
metadata:
  name: Late
  tenant: acme
spec:
  timezone: America/New_York
  active: false
  channelType: chat
---
apiVersion: ccac/v1
kind: User
metadata:
  name: ann@acme.example
  tenant: acme
spec:
  license: none
  organization: acme
  displayName: Ann
  adminRoles: [full-admin]
`;

describe('export writes YAML as a person would', () => {
  const model = checkYamlModel({ 'acme.yaml': CONFIG });

  test('keys in schema order, defaults and the tenant-given time zone left out', () => {
    const layout = exportFiles(model);
    if ('refused' in layout) throw new Error(layout.refused.message);
    expect(layout.files.get('acme/entry-points.yaml')).toBe(
      [
        'apiVersion: ccac/v1',
        'kind: EntryPoint',
        'metadata:',
        '  tenant: acme',
        '  name: Chat',
        'spec:',
        '  channelType: chat',
        '---',
        'apiVersion: ccac/v1',
        'kind: EntryPoint',
        'metadata:',
        '  tenant: acme',
        '  name: Late',
        'spec:',
        '  channelType: chat',
        '  timezone: America/New_York',
        '  active: false',
        '',
      ].join('\n'),
    );
    expect(layout.files.get('acme/tenant.yaml')).toBe(
      [
        'apiVersion: ccac/v1',
        'kind: Tenant',
        'metadata:',
        '  name: acme',
        'spec:',
        '  subscription: trial',
        '  countryOfOperation: NL',
        '  timezone: Europe/Amsterdam',
        '  platform: new-platform',
        '  telephony: webex-calling',
        '',
      ].join('\n'),
    );
    expect(layout.files.get('acme/users.yaml')).toContain(
      'spec:\n  displayName: Ann\n  adminRoles:\n    - full-admin\n',
    );
  });

  test('the export without defaults loads back to the same model', () => {
    const layout = exportFiles(model);
    if ('refused' in layout) throw new Error(layout.refused.message);
    const again = checkYamlModel(Object.fromEntries(layout.files));
    const hashes = (m: typeof model) => [...m.byAddress.values()].map((r) => r.hash).sort();
    expect(hashes(again)).toEqual(hashes(model));
  });

  test('withoutDefaults keeps a nested field that differs from its default', () => {
    const tenant = model.get('Tenant', 'acme')!;
    const spec = { ...tenant.spec, connect: { enabled: true } };
    expect(withoutDefaults('Tenant', spec, '', undefined)).toMatchObject({
      connect: { enabled: true },
    });
  });

  test('inSchemaOrder puts unlisted keys last, sorted, and orders list items', () => {
    const ordered = inSchemaOrder(
      { spec: { shifts: [{ end: '17:00', start: '09:00', name: 'a' }], zz: 1, timezone: 'UTC' } },
      kindSchemas.BusinessHours,
    );
    expect(JSON.stringify(ordered)).toBe(
      '{"spec":{"timezone":"UTC","shifts":[{"name":"a","start":"09:00","end":"17:00"}],"zz":1}}',
    );
  });
});
