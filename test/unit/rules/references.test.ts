import { describe, expect, test } from 'vitest';
import { checkYaml, withCode } from '../../helpers/check-yaml.js';
import { docs, lineOf, organization, resource, tenant } from './fixtures.js';

describe('DUPLICATE_RESOURCE', () => {
  test('the second declaration is reported and names the first', () => {
    const a = docs(tenant(), resource('Team', 'Sales'));
    const b = resource('Team', 'Sales');
    const found = withCode(checkYaml({ 'a.yaml': a, 'b.yaml': b }), 'DUPLICATE_RESOURCE');
    expect(found).toEqual([
      expect.objectContaining({ file: 'b.yaml', line: lineOf(b, 'name: Sales') }),
    ]);
    expect(found[0]?.message).toContain(`a.yaml:${lineOf(a, 'name: Sales')}`);
  });

  test('one declaration per address passes', () => {
    const a = docs(tenant(), resource('Team', 'Sales'), resource('Team', 'Support'));
    expect(checkYaml({ 'a.yaml': a })).toEqual([]);
  });
});

describe('REF_UNKNOWN', () => {
  test('a resource of an undeclared tenant points at metadata.tenant', () => {
    const file = resource('Team', 'Sales', '', 'globex');
    const found = withCode(checkYaml({ 'x.yaml': file }), 'REF_UNKNOWN');
    expect(found).toEqual([
      expect.objectContaining({
        line: lineOf(file, 'tenant: globex'),
        address: 'globex/Team/Sales',
        message: expect.stringContaining('tenant "globex" is not declared'),
      }),
    ]);
  });

  test('a tenant partner must be a declared partner Organization', () => {
    const missing = tenant('acme', '  partner: nobody\n');
    const external = docs(
      organization('ext', '  type: external\n'),
      tenant('acme', '  partner: ext\n'),
    );
    const partner = docs(
      organization('globex', '  type: partner\n'),
      tenant('acme', '  partner: globex\n'),
    );
    expect(withCode(checkYaml({ 'x.yaml': missing }), 'REF_UNKNOWN')).toEqual([
      expect.objectContaining({
        line: lineOf(missing, 'partner:'),
        message: expect.stringContaining('"nobody" is not declared'),
      }),
    ]);
    expect(withCode(checkYaml({ 'x.yaml': external }), 'REF_UNKNOWN')).toEqual([
      expect.objectContaining({
        line: lineOf(external, 'partner: ext'),
        message: expect.stringContaining('external, not a partner'),
      }),
    ]);
    expect(checkYaml({ 'x.yaml': partner })).toEqual([]);
  });

  test('a user organization must be the tenant itself or a declared Organization', () => {
    const bad = docs(tenant(), resource('User', 'ann@acme.example', '  organization: initech\n'));
    const found = withCode(checkYaml({ 'x.yaml': bad }), 'REF_UNKNOWN');
    expect(found).toEqual([
      expect.objectContaining({ line: lineOf(bad, 'organization: initech') }),
    ]);
    expect(found[0]?.message).toContain('ann@acme.example');
    const good = docs(
      tenant(),
      organization('initech', '  type: external\n'),
      resource('User', 'ann@acme.example', '  organization: initech\n'),
      resource('User', 'bob@acme.example', '  organization: acme\n'),
    );
    expect(checkYaml({ 'x.yaml': good })).toEqual([]);
  });

  test('every same-tenant reference field is checked, list items at their own line', () => {
    const file = docs(
      tenant(),
      resource(
        'User',
        'ann@acme.example',
        '  teams:\n    - Sales\n    - Salse\n  desktopProfile: NoProfile\n',
      ),
      resource('Team', 'Sales'),
      resource(
        'Queue',
        'Q1',
        '  channelType: chat\n  direction: inbound\n  agents: [ghost@acme.example]\n  teams: [Ghosts]\n',
      ),
      resource('Campaign', 'C1', '  entryPoint: NoEntry\n  agents: [nobody@acme.example]\n'),
      resource(
        'EntryPoint',
        'E1',
        '  channelType: outbound-telephony\n  queue: NoQueue\n  flow: NoFlow\n  outdialQueue: NoOutdial\n',
      ),
      resource('Flow', 'F1', '  type: routing\n  businessHours: NoHours\n'),
    );
    const found = withCode(checkYaml({ 'x.yaml': file }), 'REF_UNKNOWN');
    const at = (needle: string) =>
      expect.objectContaining({ line: lineOf(file, needle), message: expect.any(String) });
    expect(found).toEqual([
      at('- Salse'),
      at('desktopProfile: NoProfile'),
      at('agents: [ghost@'),
      at('teams: [Ghosts]'),
      at('entryPoint: NoEntry'),
      at('agents: [nobody@'),
      at('queue: NoQueue'),
      at('flow: NoFlow'),
      at('outdialQueue: NoOutdial'),
      at('businessHours: NoHours'),
    ]);
    expect(found[0]?.message).toBe('teams names Team "Salse", which tenant acme does not declare');
  });

  test('a campaign entry point must be outbound-telephony; the system one qualifies', () => {
    const bad = docs(
      tenant(),
      resource('EntryPoint', 'Chat', '  channelType: chat\n'),
      resource('Campaign', 'C1', '  entryPoint: Chat\n'),
    );
    expect(withCode(checkYaml({ 'x.yaml': bad }), 'REF_UNKNOWN')).toEqual([
      expect.objectContaining({
        line: lineOf(bad, 'entryPoint: Chat'),
        message: expect.stringContaining('chat, not outbound-telephony'),
      }),
    ]);
    const good = docs(
      tenant(),
      resource('Campaign', 'C1', '  entryPoint: Outdial Transfer to Queue\n'),
    );
    expect(checkYaml({ 'x.yaml': good })).toEqual([]);
  });

  test('references resolve within the same tenant only', () => {
    const file = docs(
      tenant('acme'),
      tenant('globex'),
      resource('Team', 'Sales', '', 'globex'),
      resource('User', 'ann@acme.example', '  teams: [Sales]\n', 'acme'),
    );
    expect(withCode(checkYaml({ 'x.yaml': file }), 'REF_UNKNOWN')).toHaveLength(1);
  });
});
