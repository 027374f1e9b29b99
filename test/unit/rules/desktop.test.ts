import { describe, expect, test } from 'vitest';
import { checkYaml } from '../../helpers/check-yaml.js';
import { docs, lineOf, resource, tenant } from './fixtures.js';

const profile = (name: string, spec: string) => resource('DesktopProfile', name, spec);

describe('SUPERVISOR_AGENT_PROFILE', () => {
  test('a supervisor-agent without a desktop profile points at contactCenterRole', () => {
    const file = docs(
      tenant(),
      resource(
        'User',
        'ann@acme.example',
        '  license: premium\n  contactCenterRole: supervisor-agent\n',
      ),
    );
    expect(checkYaml({ 'x.yaml': file })).toEqual([
      expect.objectContaining({
        code: 'SUPERVISOR_AGENT_PROFILE',
        line: lineOf(file, 'contactCenterRole:'),
        message: expect.stringContaining('ann@acme.example is a supervisor-agent without'),
      }),
    ]);
  });

  test('a profile allowing only one login role points at desktopProfile', () => {
    const file = docs(
      tenant(),
      profile('SupervisorOnly', '  loginRoles: [supervisor]\n'),
      resource(
        'User',
        'ann@acme.example',
        '  contactCenterRole: supervisor-agent\n  desktopProfile: SupervisorOnly\n',
      ),
    );
    expect(checkYaml({ 'x.yaml': file })).toEqual([
      expect.objectContaining({
        code: 'SUPERVISOR_AGENT_PROFILE',
        line: lineOf(file, 'desktopProfile: SupervisorOnly'),
        message: expect.stringContaining('"SupervisorOnly" allows login roles [supervisor]'),
      }),
    ]);
  });

  test('a profile allowing both login roles passes; plain supervisors need no profile', () => {
    const file = docs(
      tenant(),
      profile('Both', '  loginRoles: [supervisor, agent]\n'),
      resource(
        'User',
        'ann@acme.example',
        '  contactCenterRole: supervisor-agent\n  desktopProfile: Both\n',
      ),
      resource('User', 'bob@acme.example', '  contactCenterRole: supervisor\n'),
    );
    expect(checkYaml({ 'x.yaml': file })).toEqual([]);
  });
});

describe('STATION_EXTENSION_TELEPHONY', () => {
  const withExtension = profile('Ext', '  stationLogin:\n    - desktop\n    - extension\n');

  test('extension login in a tenant without Webex Calling', () => {
    const file = docs(
      tenant().replace('telephony: webex-calling', 'telephony: external-via-webex-calling'),
      withExtension,
    );
    expect(checkYaml({ 'x.yaml': file })).toEqual([
      expect.objectContaining({
        code: 'STATION_EXTENSION_TELEPHONY',
        line: lineOf(file, '- extension'),
        message: expect.stringContaining('external-via-webex-calling'),
      }),
    ]);
  });

  test('extension login with Webex Calling, or dial-number elsewhere, passes', () => {
    expect(checkYaml({ 'x.yaml': docs(tenant(), withExtension) })).toEqual([]);
    const vpop = tenant('acme').replace('telephony: webex-calling', 'telephony: vpop');
    const file = docs(vpop, profile('Dial', '  stationLogin: [dial-number, desktop]\n'));
    expect(checkYaml({ 'x.yaml': file }).map((d) => d.code)).toEqual(['TENANT_VPOP_DEPRECATED']);
  });
});
