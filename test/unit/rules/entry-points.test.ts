import { describe, expect, test } from 'vitest';
import { checkYaml } from '../../helpers/check-yaml.js';
import { docs, lineOf, resource, tenant } from './fixtures.js';

const TENANT = tenant('acme', '  numbers: ["+31201234567", "+31201234568"]\n');
const ep = (name: string, spec: string) => resource('EntryPoint', name, spec);
const check = (...documents: string[]) => {
  const file = docs(TENANT, ...documents);
  return { file, found: checkYaml({ 'ep.yaml': file }) };
};

describe('EP_SOCIAL_CHANNEL', () => {
  test('social without socialChannel, and socialChannel on chat', () => {
    const { file, found } = check(
      ep('Social', '  channelType: social\n'),
      ep('Chat', '  channelType: chat\n  socialChannel: sms\n'),
    );
    expect(found).toEqual([
      expect.objectContaining({
        code: 'EP_SOCIAL_CHANNEL',
        line: lineOf(file, 'channelType: social'),
        message: expect.stringContaining('needs a socialChannel'),
      }),
      expect.objectContaining({
        code: 'EP_SOCIAL_CHANNEL',
        line: lineOf(file, 'socialChannel: sms'),
        message: expect.stringContaining('"Chat" is chat'),
      }),
    ]);
  });

  test('social with a channel passes', () => {
    expect(
      check(ep('WhatsApp', '  channelType: social\n  socialChannel: whatsapp\n')).found,
    ).toEqual([]);
  });
});

describe('EP_FIELD_CHANNEL', () => {
  test('supportNumbers off inbound telephony, outbound fields off outbound', () => {
    const { file, found } = check(
      ep('Chat', '  channelType: chat\n  supportNumbers: ["+31201234567"]\n'),
      ep(
        'Voice',
        '  channelType: inbound-telephony\n  routingStrategy: rs\n  musicOnHold: jazz\n  outdialQueue: Q\n',
      ),
      resource('Queue', 'Q', '  channelType: outbound-telephony\n  direction: outbound\n'),
    );
    expect(found.map((d) => [d.code, d.line])).toEqual([
      ['EP_FIELD_CHANNEL', lineOf(file, 'supportNumbers:')],
      ['EP_FIELD_CHANNEL', lineOf(file, 'routingStrategy: rs')],
      ['EP_FIELD_CHANNEL', lineOf(file, 'musicOnHold: jazz')],
      ['EP_FIELD_CHANNEL', lineOf(file, 'outdialQueue: Q')],
    ]);
    expect(found[1]?.message).toBe(
      'routingStrategy is only for outbound-telephony entry points; "Voice" is inbound-telephony',
    );
  });

  test('each field on its own channel type passes, and the system entry point may carry numbers', () => {
    const { found } = check(
      ep('Voice', '  channelType: inbound-telephony\n  supportNumbers: ["+31201234567"]\n'),
      ep(
        'Dialer',
        '  channelType: outbound-telephony\n  routingStrategy: rs\n  musicOnHold: jazz\n  outdialQueue: Q\n',
      ),
      resource('Queue', 'Q', '  channelType: outbound-telephony\n  direction: outbound\n'),
      ep(
        'Outdial Transfer to Queue',
        '  channelType: outbound-telephony\n  supportNumbers: ["+31201234568"]\n',
      ),
    );
    expect(found).toEqual([]);
  });
});

describe('EP_OUTBOUND_ROUTING', () => {
  const FLOW = docs(
    resource('Flow', 'F', '  type: routing\n  businessHours: H\n'),
    resource('BusinessHours', 'H', '  timezone: Europe/Amsterdam\n'),
  );

  test('an outbound entry point with both flow and routingStrategy', () => {
    const { file, found } = check(
      FLOW,
      ep('Dialer', '  channelType: outbound-telephony\n  flow: F\n  routingStrategy: rs\n'),
    );
    expect(found).toEqual([
      expect.objectContaining({
        code: 'EP_OUTBOUND_ROUTING',
        line: lineOf(file, 'routingStrategy: rs'),
        message: expect.stringContaining('both flow "F" and routingStrategy "rs"'),
      }),
    ]);
  });

  test('one of them passes', () => {
    const { found } = check(
      FLOW,
      ep('A', '  channelType: outbound-telephony\n  flow: F\n'),
      ep('B', '  channelType: outbound-telephony\n  routingStrategy: rs\n'),
    );
    expect(found).toEqual([]);
  });
});

describe('EP_NUMBER_UNKNOWN', () => {
  test("a support number outside the tenant's numbers, at its item", () => {
    const { file, found } = check(
      ep(
        'Voice',
        '  channelType: inbound-telephony\n  supportNumbers:\n    - "+31201234567"\n    - "+31209999999"\n',
      ),
    );
    expect(found).toEqual([
      expect.objectContaining({
        code: 'EP_NUMBER_UNKNOWN',
        line: lineOf(file, '+31209999999'),
        message: expect.stringContaining(
          '+31209999999 of entry point "Voice" is not one of tenant acme\'s numbers',
        ),
      }),
    ]);
  });

  test('numbers on the system entry point are checked too; known ones pass', () => {
    const { file, found } = check(
      ep(
        'Outdial Transfer to Queue',
        '  channelType: outbound-telephony\n  supportNumbers: ["+4930123456"]\n',
      ),
    );
    expect(found).toEqual([
      expect.objectContaining({ code: 'EP_NUMBER_UNKNOWN', line: lineOf(file, '+4930123456') }),
    ]);
  });
});

describe('EP_NUMBER_IN_USE', () => {
  test('one number on two entry points names the first one and its place', () => {
    const { file, found } = check(
      ep('A', '  channelType: inbound-telephony\n  supportNumbers: ["+31201234567"]\n'),
      ep(
        'B',
        '  channelType: inbound-telephony\n  supportNumbers:\n    - "+31201234568"\n    - "+31201234567"\n',
      ),
    );
    expect(found).toEqual([
      expect.objectContaining({
        code: 'EP_NUMBER_IN_USE',
        address: 'acme/EntryPoint/B',
        line: lineOf(file, '- "+31201234567"'),
        message: `support number +31201234567 is already on entry point acme/EntryPoint/A (ep.yaml:${lineOf(file, 'supportNumbers: ["+31201234567"]')}:20)`,
      }),
    ]);
  });

  test('across tenants and files too', () => {
    const a = docs(
      tenant('acme', '  numbers: ["+31201234567"]\n'),
      ep('A', '  channelType: inbound-telephony\n  supportNumbers: ["+31201234567"]\n'),
    );
    const b = docs(
      tenant('globex', '  numbers: ["+31201234567"]\n'),
      resource(
        'EntryPoint',
        'B',
        '  channelType: inbound-telephony\n  supportNumbers: ["+31201234567"]\n',
        'globex',
      ),
    );
    expect(checkYaml({ 'a.yaml': a, 'b.yaml': b })).toEqual([
      expect.objectContaining({
        code: 'EP_NUMBER_IN_USE',
        file: 'b.yaml',
        address: 'globex/EntryPoint/B',
      }),
    ]);
  });

  test('distinct numbers pass', () => {
    const { found } = check(
      ep('A', '  channelType: inbound-telephony\n  supportNumbers: ["+31201234567"]\n'),
      ep('B', '  channelType: inbound-telephony\n  supportNumbers: ["+31201234568"]\n'),
    );
    expect(found).toEqual([]);
  });
});

describe('EP_SYSTEM_PROTECTED', () => {
  test('channelType, active, timezone and other fields differing from the system values', () => {
    const { file, found } = check(
      ep(
        'Outdial Transfer to Queue',
        '  channelType: inbound-telephony\n  active: false\n  timezone: Europe/Berlin\n  musicOnHold: jazz\n  description: ok\n',
      ),
    );
    const protectedHits = found.filter((d) => d.code === 'EP_SYSTEM_PROTECTED');
    expect(protectedHits.map((d) => d.line)).toEqual([
      lineOf(file, 'channelType: inbound'),
      lineOf(file, 'active: false'),
      lineOf(file, 'timezone: Europe/Berlin'),
      lineOf(file, 'musicOnHold: jazz'),
    ]);
    expect(protectedHits[0]?.message).toBe(
      'channelType of the system entry point "Outdial Transfer to Queue" must stay "outbound-telephony"; only supportNumbers and description may be configured',
    );
    expect(protectedHits[3]?.message).toContain('musicOnHold of the system entry point');
  });

  test('restating the system values and setting numbers and description passes', () => {
    const { found } = check(
      ep(
        'Outdial Transfer to Queue',
        '  channelType: outbound-telephony\n  active: true\n  timezone: Europe/Amsterdam\n  description: Transfers\n  supportNumbers: ["+31201234567"]\n',
      ),
    );
    expect(found).toEqual([]);
  });
});

describe('EP_FLOW_NO_BUSINESS_HOURS', () => {
  test("an inbound entry point's flow without business hours is a warning", () => {
    const { file, found } = check(
      resource('Flow', 'Bare', '  type: routing\n'),
      ep('Chat', '  channelType: chat\n  flow: Bare\n'),
      ep('Dialer', '  channelType: outbound-telephony\n  flow: Bare\n'),
    );
    expect(found).toEqual([
      expect.objectContaining({
        code: 'EP_FLOW_NO_BUSINESS_HOURS',
        severity: 'warning',
        address: 'acme/EntryPoint/Chat',
        line: lineOf(file, 'flow: Bare'),
        message: expect.stringContaining('flow "Bare" of inbound entry point "Chat"'),
      }),
    ]);
  });

  test('a flow with business hours passes', () => {
    const { found } = check(
      resource('BusinessHours', 'Office', '  timezone: Europe/Amsterdam\n'),
      resource('Flow', 'Routed', '  type: routing\n  businessHours: Office\n'),
      ep('Voice', '  channelType: inbound-telephony\n  flow: Routed\n'),
    );
    expect(found).toEqual([]);
  });
});
