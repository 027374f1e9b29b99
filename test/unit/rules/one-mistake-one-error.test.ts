import { describe, expect, test } from 'vitest';
import { checkYaml } from '../../helpers/check-yaml.js';
import { docs, lineOf, resource, tenant } from './fixtures.js';

describe('one mistake, one error', () => {
  test('a team the schema refuses is still declared: references to it are not unknown', () => {
    const teams = resource('Team', 'Sales', '  descripton: typo\n');
    const users = docs(
      tenant(),
      resource('User', 'ann@acme.example', '  teams: [Sales]\n'),
      resource('Queue', 'Q', '  channelType: chat\n  direction: inbound\n  teams: [Sales]\n'),
    );
    const found = checkYaml({ 'teams.yaml': teams, 'users.yaml': users });
    expect(found.map((d) => [d.code, d.message])).toEqual([
      ['SCHEMA', 'spec.descripton: unknown field "descripton" (did you mean "description"?)'],
    ]);
  });

  test('a refused document without a readable tenant declares nothing', () => {
    const teams = 'apiVersion: ccac/v1\nkind: Team\nmetadata:\n  name: Sales\n';
    const users = docs(tenant(), resource('User', 'ann@acme.example', '  teams: [Sales]\n'));
    const codes = checkYaml({ 'teams.yaml': teams, 'users.yaml': users }).map((d) => d.code);
    expect(codes).toEqual(['SCHEMA', 'REF_UNKNOWN']);
  });

  test('an undeclared tenant is one error, first, with its follow-ons counted', () => {
    const good = docs(tenant('alnoor-bank'), resource('Team', 'A', '', 'alnoor-bank'));
    const typo = docs(
      resource('Team', 'Sales', '', 'alnor-bank'),
      resource('User', 'ann@x.example', '  teams: [Sales, Ghost]\n', 'alnor-bank'),
      resource(
        'Queue',
        'Q',
        '  channelType: chat\n  direction: inbound\n  teams: [Nope]\n',
        'alnor-bank',
      ),
    );
    const other = resource(
      'Queue',
      'Q',
      '  channelType: chat\n  direction: inbound\n  teams: [B]\n',
      'alnoor-bank',
    );
    const found = checkYaml({ 'a.yaml': other, 'b.yaml': good, 'c.yaml': typo });
    expect(found).toEqual([
      expect.objectContaining({
        code: 'REF_UNKNOWN',
        file: 'c.yaml',
        line: lineOf(typo, 'tenant: alnor-bank'),
        message:
          'tenant "alnor-bank" is not declared (did you mean "alnoor-bank"?); 2 more resources name it (not listed)',
        followOns: 2,
      }),
      expect.objectContaining({ code: 'REF_UNKNOWN', file: 'a.yaml' }),
    ]);
  });

  test('an unknown reference names the close one the tenant declares', () => {
    const file = docs(
      tenant(),
      resource('Team', 'Support'),
      resource('User', 'ann@acme.example', '  teams: [Suport, Marketing]\n'),
    );
    expect(checkYaml({ 'x.yaml': file }).map((d) => d.message)).toEqual([
      'teams names Team "Suport", which tenant acme does not declare (did you mean "Support"?)',
      'teams names Team "Marketing", which tenant acme does not declare',
    ]);
  });
});
