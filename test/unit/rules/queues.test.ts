import { describe, expect, test } from 'vitest';
import { checkYaml } from '../../helpers/check-yaml.js';
import { docs, lineOf, resource, tenant } from './fixtures.js';

const USERS = docs(
  resource('User', 'agent@acme.example', '  license: standard\n  contactCenterRole: agent\n'),
  resource(
    'User',
    'both@acme.example',
    '  license: premium\n  contactCenterRole: supervisor-agent\n  desktopProfile: Both\n',
  ),
  resource('User', 'nolicense@acme.example', '  contactCenterRole: agent\n'),
  resource('User', 'boss@acme.example', '  license: premium\n  contactCenterRole: supervisor\n'),
  resource('User', 'nobody@acme.example'),
  resource('DesktopProfile', 'Both', '  loginRoles: [agent, supervisor]\n'),
);

describe('QUEUE_AGENT_UNLICENSED', () => {
  test('queue and campaign agents without a license or the agent role', () => {
    const file = docs(
      tenant(),
      USERS,
      resource(
        'Queue',
        'Sales',
        '  channelType: chat\n  direction: inbound\n  agents:\n    - agent@acme.example\n    - nolicense@acme.example\n    - boss@acme.example\n',
      ),
      resource('Campaign', 'Winback', '  agents:\n    - nobody@acme.example\n'),
    );
    expect(checkYaml({ 'x.yaml': file })).toEqual([
      expect.objectContaining({
        code: 'QUEUE_AGENT_UNLICENSED',
        line: lineOf(file, '- nolicense@'),
        message: expect.stringContaining(
          'nolicense@acme.example of Queue "Sales" has license none',
        ),
      }),
      expect.objectContaining({
        line: lineOf(file, '- boss@'),
        message: expect.stringContaining('contactCenterRole supervisor'),
      }),
      expect.objectContaining({
        line: lineOf(file, '- nobody@'),
        message: expect.stringContaining('license none and contactCenterRole none'),
      }),
    ]);
  });

  test('licensed agents and supervisor-agents pass', () => {
    const file = docs(
      tenant(),
      USERS,
      resource(
        'Queue',
        'Sales',
        '  channelType: chat\n  direction: inbound\n  agents: [agent@acme.example, both@acme.example]\n',
      ),
      resource('Campaign', 'Winback', '  agents: [both@acme.example]\n'),
    );
    expect(checkYaml({ 'x.yaml': file })).toEqual([]);
  });
});
