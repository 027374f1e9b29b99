import { describe, expect, test } from 'vitest';
import { hubOrgIdOf } from '../../../src/webex/client/hub-org-id.js';

describe('the Control Hub id of a Contact Center org', () => {
  test("is base64 of ciscospark://us/ORGANIZATION/<uuid>, as the admin spec's example", () => {
    // The spec's example orgId (webex-admin.json, PatchUserLicenses.orgId) and the UUID inside it.
    expect(hubOrgIdOf('96abc2aa-3dcc-11e5-a152-fe34819cdc9a')).toBe(
      'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi85NmFiYzJhYS0zZGNjLTExZTUtYTE1Mi1mZTM0ODE5Y2RjOWE',
    );
  });
});
