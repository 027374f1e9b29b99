import { describe, expect, test } from 'vitest';
import { sha256 } from '../../../src/model/canonical-json.js';
import { emptyLiveState, type LiveState } from '../../../src/webex/entities.js';
import { Lookup } from '../../../src/webex/lookup.js';
import { agentProfileMapping } from '../../../src/webex/mapping/agent-profile.js';
import { businessHoursMapping } from '../../../src/webex/mapping/business-hours.js';
import { ccUserMapping } from '../../../src/webex/mapping/cc-user.js';
import { queueMapping } from '../../../src/webex/mapping/contact-service-queue.js';
import { dialNumberMapping } from '../../../src/webex/mapping/dial-number.js';
import { entryPointMapping } from '../../../src/webex/mapping/entry-point.js';
import { flowMapping } from '../../../src/webex/mapping/flow.js';
import { holidayListMapping } from '../../../src/webex/mapping/holiday-list.js';
import type { Refused, Remote } from '../../../src/webex/mapping/mapping.js';
import { overridesMapping } from '../../../src/webex/mapping/overrides.js';
import { personMapping } from '../../../src/webex/mapping/person.js';
import { teamMapping } from '../../../src/webex/mapping/team.js';
import { fromZonedLocal, toZonedLocal } from '../../../src/webex/mapping/zoned-time.js';
import { resourceOf } from './fixtures/model.js';
import { SPEC_FIXTURES as SPEC } from './fixtures/spec-examples.js';

type Loose = Record<string, unknown>;

/** A lookup over a few live objects (the listings a push starts from). */
function lookupOf(objects: Partial<Record<keyof LiveState, Loose[]>>): Lookup {
  return Lookup.fromLive({ ...emptyLiveState(), ...objects } as unknown as LiveState);
}

function body<B>(result: Remote<B> | Refused): B {
  if ('refused' in result) throw new Error(result.refused);
  return result.body;
}

/** The live object with exactly `changes` applied: what an update must send. */
function only<T extends object>(live: T, changes: Loose): T {
  return { ...live, ...changes };
}

const NO_NAMES = lookupOf({});

describe('team', () => {
  const live = SPEC.team();
  const ids = lookupOf({ site: [{ id: 'site-1', name: 'acme' }] });

  test('reads the spec example', () => {
    expect(teamMapping.fromRemote(live, NO_NAMES)).toEqual({
      spec: { description: 'string' },
      notRepresented: [],
    });
  });

  test('an update sends the live team with only ccac fields changed', () => {
    const team = resourceOf('Team', 'Sales', { description: 'Sales desk' });
    expect(body(teamMapping.toRemote(team, 'Sales', ids, live))).toEqual(
      only(live, { name: 'Sales', description: 'Sales desk' }),
    );
  });

  test('a new team goes on the tenant site, agent-based and in service', () => {
    const team = resourceOf('Team', 'Sales', {});
    expect(body(teamMapping.toRemote(team, 'Sales', ids))).toEqual({
      name: 'Sales',
      siteId: 'site-1',
      teamType: 'AGENT',
      teamStatus: 'IN_SERVICE',
      active: true,
      rankQueuesForTeam: false,
    });
    expect(teamMapping.toRemote(team, 'Sales', NO_NAMES)).toEqual({
      refused: 'no site named acme to put the team on',
    });
  });

  test('a description Webex cannot hold is not carried; the live one stays', () => {
    const team = resourceOf('Team', 'Sales', { description: 'x'.repeat(300) });
    const result = teamMapping.toRemote(team, 'Sales', ids, live);
    expect(body(result)).toEqual(only(live, { name: 'Sales' }));
    expect(!('refused' in result) && result.notCarried).toEqual([
      { field: 'description', why: "longer than Webex's 255 characters" },
    ]);
  });
});

describe('business hours, holiday list, overrides', () => {
  const hours = resourceOf('BusinessHours', 'Store_Hours', {
    timezone: 'Europe/Amsterdam',
    shifts: [{ name: 'Weekdays', days: ['fri', 'mon'], start: '09:00', end: '18:00' }],
    holidays: [{ name: 'Kerst', from: '2026-12-25', to: '2026-12-26' }],
    overrides: [
      {
        name: 'Stocktake',
        from: '2026-01-05T09:00:00+01:00',
        to: '2026-01-05T13:00:00+01:00',
        open: false,
      },
    ],
  });
  const ids = lookupOf({
    'holiday-list': [{ id: 'hl-9', name: 'Store_Hours' }],
    overrides: [{ id: 'ov-9', name: 'Store_Hours' }],
  });

  test('reads the spec example: time zone and shifts', () => {
    expect(businessHoursMapping.fromRemote(SPEC.businessHours(), NO_NAMES).spec).toEqual({
      timezone: 'America/New_York',
      shifts: [
        {
          name: 'Happy Hours',
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          start: '17:00',
          end: '18:59',
        },
        {
          name: 'Open Hours',
          days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
          start: '19:00',
          end: '23:59',
        },
      ],
    });
  });

  test('an update keeps the description and version, links the lists named after it', () => {
    const live = SPEC.businessHours();
    expect(body(businessHoursMapping.toRemote(hours, 'Store_Hours', ids, live))).toEqual(
      only(live, {
        name: 'Store_Hours',
        timezone: 'Europe/Amsterdam',
        workingHours: [
          { name: 'Weekdays', days: ['MON', 'FRI'], startTime: '09:00', endTime: '18:00' },
        ],
        holidaysId: 'hl-9',
        overridesId: 'ov-9',
      }),
    );
  });

  test('the spec example’s name does not fit Webex’s own pattern: refused, with why', () => {
    expect(businessHoursMapping.toRemote(hours, 'Agent-Profile(Auto WrapUp)', ids)).toEqual({
      refused:
        'business hours name "Agent-Profile(Auto WrapUp)" does not fit Webex\'s pattern (letters, digits, _ and -, single spaces between words)',
    });
  });

  test('business hours without shifts cannot be created', () => {
    const none = resourceOf('BusinessHours', 'Closed', { timezone: 'UTC' });
    expect(businessHoursMapping.toRemote(none, 'Closed', ids)).toEqual({
      refused: 'Webex business hours need at least one shift (workingHours)',
    });
  });

  test('holidays: the spec example repeats yearly (repeat); one-off days are read', () => {
    const live = SPEC.holidayList();
    const read = holidayListMapping.fromRemote(live, NO_NAMES);
    expect(read).toEqual({
      spec: {
        holidays: [
          {
            name: 'Holi',
            from: '2022-04-16',
            to: '2022-04-16',
            repeat: { every: 'year', month: 'apr', day: 16, until: '2030-12-24' },
          },
          {
            name: 'Good Friday',
            from: '2022-05-24',
            to: '2022-05-24',
            repeat: { every: 'year', month: 'may', day: 24, until: '2030-12-24' },
          },
        ],
      },
      notRepresented: [],
    });
    const oneOff = {
      ...live,
      holidays: [
        {
          name: 'Holi',
          startDate: '2022-04-16',
          endDate: '2022-04-16',
          frequency: 'DontRepeat' as const,
        },
      ],
    };
    expect(holidayListMapping.fromRemote(oneOff, NO_NAMES).spec).toEqual({
      holidays: [{ name: 'Holi', from: '2022-04-16', to: '2022-04-16' }],
    });
    expect(body(holidayListMapping.toRemote(hours, 'Store_Hours', ids, live))).toEqual(
      only(live, {
        name: 'Store_Hours',
        holidays: [
          {
            name: 'Kerst',
            startDate: '2026-12-25',
            endDate: '2026-12-26',
            frequency: 'DontRepeat',
          },
        ],
      }),
    );
    expect(holidayListMapping.keys(resourceOf('BusinessHours', 'B', { timezone: 'UTC' }))).toEqual(
      [],
    );
  });

  test('overrides: local times in the list’s zone both ways', () => {
    const live = SPEC.overrides();
    expect(overridesMapping.fromRemote(live, NO_NAMES).spec).toEqual({
      overrides: [
        {
          name: 'Day for me',
          from: '2022-05-26T00:00:00-04:00',
          to: '2022-05-26T23:59:00-04:00',
          open: true,
        },
        {
          name: 'Fire Drill',
          from: '2022-05-26T14:30:00-04:00',
          to: '2022-05-26T16:30:00-04:00',
          open: false,
        },
      ],
    });
    expect(body(overridesMapping.toRemote(hours, 'Store_Hours', ids, live))).toEqual(
      only(live, {
        name: 'Store_Hours',
        timezone: 'Europe/Amsterdam',
        overrides: [
          {
            name: 'Stocktake',
            startDateTime: '2026-01-05T09:00',
            endDateTime: '2026-01-05T13:00',
            workingHours: false,
            frequency: 'DontRepeat',
          },
        ],
      }),
    );
  });

  test('zoned times: offsets from the zone, DST gaps and repeats', () => {
    expect(toZonedLocal('2026-11-27T17:00:00Z', 'Europe/Amsterdam')).toBe('2026-11-27T18:00');
    expect(fromZonedLocal('2026-11-27T18:00', 'Europe/Amsterdam')).toBe(
      '2026-11-27T18:00:00+01:00',
    );
    expect(fromZonedLocal('2026-07-01T18:00', 'Europe/Amsterdam')).toBe(
      '2026-07-01T18:00:00+02:00',
    );
    // 02:30 does not exist on 29 March and happens twice on 25 October: the offset before.
    expect(fromZonedLocal('2026-03-29T02:30', 'Europe/Amsterdam')).toBe(
      '2026-03-29T02:30:00+01:00',
    );
    expect(fromZonedLocal('2026-10-25T02:30', 'Europe/Amsterdam')).toBe(
      '2026-10-25T02:30:00+02:00',
    );
    expect(fromZonedLocal('2026-01-05T09:00', 'Asia/Kolkata')).toBe('2026-01-05T09:00:00+05:30');
  });
});

describe('agent profile', () => {
  test('reads and writes login voice options, keeping every other setting', () => {
    const live = SPEC.agentProfile();
    expect(agentProfileMapping.fromRemote(live, NO_NAMES).spec).toEqual({
      stationLogin: ['dial-number', 'extension'],
    });
    const profile = resourceOf('DesktopProfile', 'Agent_Desk', {
      stationLogin: ['desktop', 'dial-number'],
    });
    expect(body(agentProfileMapping.toRemote(profile, 'Agent_Desk', NO_NAMES, live))).toEqual(
      only(live, { name: 'Agent_Desk', loginVoiceOptions: ['BROWSER', 'AGENT_DN'] }),
    );
  });

  test('a new profile allows everything, and says so', () => {
    const profile = resourceOf('DesktopProfile', 'Agent_Desk', { stationLogin: ['desktop'] });
    const result = agentProfileMapping.toRemote(profile, 'Agent_Desk', NO_NAMES);
    expect(body(result)).toMatchObject({
      parentType: 'ORGANIZATION',
      accessQueue: 'ALL',
      active: true,
      loginVoiceOptions: ['BROWSER'],
    });
    expect(!('refused' in result) && result.assumed?.length).toBe(1);
  });
});

describe('contact-service-queue', () => {
  const live = SPEC.queue();
  const names = lookupOf({
    team: [
      { id: '93912f11-6017-404b-bf14-5331890b1797', name: 'Billing' },
      { id: 't-2', name: 'Sales' },
    ],
    'cc-user': [{ id: 'u-1', email: 'ann@acme.example' }],
  });

  test('reads the spec example: its teams; several distribution steps are reported', () => {
    const read = queueMapping.fromRemote(live, names);
    expect(read.spec).toEqual({
      channelType: 'inbound-telephony',
      direction: 'inbound',
      serviceLevelThresholdSeconds: 0,
      teams: ['Billing'],
    });
    expect(read.notRepresented.map((n) => n.field)).toEqual(['callDistributionGroups']);
  });

  test('teams and agents: team-based, agents not carried; unmanaged settings kept', () => {
    const queue = resourceOf('Queue', 'Queue-1', {
      channelType: 'chat',
      direction: 'inbound',
      serviceLevelThresholdSeconds: 45,
      teams: ['Sales'],
      agents: ['ann@acme.example'],
      wrapUp: { timeoutSeconds: 30 },
    });
    const result = queueMapping.toRemote(queue, 'Queue-1', names, live);
    const { agents: _, ...rest } = live;
    expect(body(result)).toEqual({
      ...rest,
      name: 'Queue-1',
      channelType: 'CHAT',
      queueType: 'INBOUND',
      serviceLevelThreshold: 45,
      queueRoutingType: 'TEAM_BASED',
      callDistributionGroups: [{ order: 1, duration: 0, agentGroups: [{ teamId: 't-2' }] }],
    });
    expect(!('refused' in result) && result.notCarried.map((n) => n.field)).toEqual(['agents']);
  });

  test('agents alone: agent-based, by contact-center user id', () => {
    const queue = resourceOf('Queue', 'Q', {
      channelType: 'outbound-telephony',
      direction: 'outbound',
      agents: ['ann@acme.example'],
    });
    const sent = body(queueMapping.toRemote(queue, 'Q', names));
    expect(sent).toMatchObject({
      queueType: 'OUTBOUND',
      channelType: 'TELEPHONY',
      queueRoutingType: 'AGENT_BASED',
      agents: [{ id: 'u-1' }],
      callDistributionGroups: [],
    });
    expect(queueMapping.fromRemote(sent, names).spec).toMatchObject({
      agents: ['ann@acme.example'],
      direction: 'outbound',
    });
  });
});

describe('entry point and dial numbers', () => {
  const live = SPEC.entryPoint();
  const ids = lookupOf({
    flow: [{ id: 'f-1', name: 'Main_Routing' }],
    'audio-file': [{ id: 'a-1', name: 'hold.wav' }],
    'entry-point': [{ id: 'ep-1', name: 'Telephony-Ep' }],
  });

  test('reads the spec example', () => {
    expect(entryPointMapping.fromRemote(live, ids).spec).toEqual({
      description: 'Required for transferring out-dial calls to Queues',
      channelType: 'inbound-telephony',
      timezone: 'America/New_York',
      serviceLevelThresholdSeconds: 12,
      active: true,
    });
  });

  test('an update changes ccac fields, keeps the rest; flow and music by name', () => {
    const ep = resourceOf('EntryPoint', 'Telephony-Ep', {
      channelType: 'inbound-telephony',
      description: 'Main line',
      flow: 'Main_Routing',
      musicOnHold: 'hold.wav',
      queue: 'Q',
    });
    const result = entryPointMapping.toRemote(ep, 'Telephony-Ep', ids, live);
    expect(body(result)).toEqual(
      only(live, {
        name: 'Telephony-Ep',
        description: 'Main line',
        timezone: 'Europe/Amsterdam',
        flowId: 'f-1',
        musicOnHoldId: 'a-1',
      }),
    );
  });

  test('the channel type of a live entry point cannot change', () => {
    const chat = resourceOf('EntryPoint', 'Telephony-Ep', { channelType: 'chat' });
    expect(entryPointMapping.toRemote(chat, 'Telephony-Ep', ids, live)).toMatchObject({
      refused: expect.stringContaining("cannot change an entry point's channel type"),
    });
  });

  test('a new one gets Webex’s required placeholders, reported; SMS is not carried', () => {
    const sms = resourceOf('EntryPoint', 'SMS_In', {
      channelType: 'social',
      socialChannel: 'sms',
      flow: 'Missing',
    });
    const result = entryPointMapping.toRemote(sms, 'SMS_In', ids);
    expect(body(result)).toMatchObject({
      channelType: 'SOCIAL_CHANNEL',
      entryPointType: 'INBOUND',
      assetId: '',
      imiOrgType: 'MIXED_MODE',
      socialChannelType: 'MESSAGEBIRD',
    });
    if ('refused' in result) return;
    expect(result.notCarried.map((n) => n.field)).toEqual(['socialChannel', 'flow']);
    expect(result.assumed?.map((n) => n.field)).toContain('socialChannelType');
  });

  test('dial numbers: one mapping per number, pointing at the entry point', () => {
    const number = SPEC.dialNumber();
    expect(dialNumberMapping.fromRemote(number, ids).spec).toEqual({
      supportNumbers: ['+11234567890'],
    });
    const ep = resourceOf('EntryPoint', 'Telephony-Ep', {
      channelType: 'inbound-telephony',
      supportNumbers: ['+11234567890'],
    });
    expect(dialNumberMapping.keys(ep)).toEqual(['+11234567890']);
    expect(body(dialNumberMapping.toRemote(ep, '+11234567890', ids, number))).toEqual(
      only(number, {
        dialledNumber: '+11234567890',
        entryPointId: 'ep-1',
        entryPointName: 'Telephony-Ep',
      }),
    );
  });
});

describe('flow', () => {
  const definition = JSON.stringify({ name: 'TestFlow', activities: [] });
  const flow = resourceOf(
    'Flow',
    'TestFlow',
    { type: 'routing', definitionFile: 'flows/test.json' },
    { 'flows/test.json': definition },
  );

  test('reads the spec example: a flow, routing or event it does not say', () => {
    const read = flowMapping.fromRemote(SPEC.flow(), NO_NAMES);
    expect(read.spec).toEqual({ type: 'routing' });
    expect(read.notRepresented.map((n) => n.field)).toEqual(['type']);
  });

  test('the definition is imported, named as the flow', () => {
    expect(body(flowMapping.toRemote(flow, 'TestFlow', NO_NAMES))).toEqual({
      name: 'TestFlow',
      definition,
      digest: sha256(definition),
    });
    expect(flowMapping.toRemote(flow, 'Other', NO_NAMES)).toEqual({
      refused: 'the definition file names the flow "TestFlow", not "Other"',
    });
    const bare = resourceOf('Flow', 'Bare', { type: 'event' });
    expect(flowMapping.toRemote(bare, 'Bare', NO_NAMES)).toEqual({
      refused: 'no flow named Bare in Webex and no definitionFile to import it from',
    });
  });

  test('compared by what ccac last published: its digest and the flow’s version', () => {
    const sent = body(flowMapping.toRemote(flow, 'TestFlow', NO_NAMES));
    const live = SPEC.flow();
    const ref = {
      entity: 'flow' as const,
      id: String(live.id),
      key: 'TestFlow',
      version: 1,
      digest: sha256(definition),
    };
    expect(flowMapping.compare!(sent, live, ref)).toEqual([]);
    expect(flowMapping.compare!(sent, { ...live, version: 2 }, ref)).toEqual([
      {
        field: 'definition',
        live: 'changed in Flow Designer (version 2)',
        desired: `definition file (sha256 ${sha256(definition).slice(0, 12)})`,
      },
    ]);
    expect(flowMapping.compare!(sent, live, undefined)).toHaveLength(1);
  });
});

describe('person and contact-center user', () => {
  const person = SPEC.person();
  const [fullAdmin, otherRole] = person.roles as string[];
  const [meetings, otherLicence] = person.licenses as string[];
  const ids = lookupOf({
    role: [
      SPEC.role(),
      { id: 'role-ro', name: 'Read-only Administrator' },
      { id: 'role-sup', name: 'Supervisor' },
    ],
    license: [
      SPEC.license(),
      { id: 'lic-std', name: 'Webex Contact Center' },
      { id: 'lic-prem', name: 'Webex Contact Center Premium' },
    ],
    'user-profile': [
      { ...SPEC.userProfile(), id: 'up-prem' },
      { id: 'up-std', profileType: 'STANDARD_AGENT' },
      { id: 'up-sup', profileType: 'SUPERVISOR' },
      { id: 'up-admin', profileType: 'ADMINISTRATOR' },
    ],
    team: [{ id: 't-1', name: 'Sales' }],
    'agent-profile': [{ id: 'ap-1', name: 'Agent_Desk' }],
  });

  test('reads the spec example person', () => {
    expect(personMapping.fromRemote(person, ids).spec).toEqual({
      displayName: 'John Andersen',
      license: 'none',
      adminRoles: ['full-admin'],
    });
  });

  test('roles and licences ccac manages are set; the others kept', () => {
    const user = resourceOf('User', 'john.andersen@example.com', {
      displayName: 'John A.',
      adminRoles: ['read-only-admin', 'provisioning-admin'],
      license: 'premium',
    });
    const result = personMapping.toRemote(user, user.name, ids, person);
    expect(body(result)).toEqual(
      only(person, {
        displayName: 'John A.',
        roles: [otherRole, 'role-ro'],
        licenses: [meetings, otherLicence, 'lic-prem'],
      }),
    );
    expect(fullAdmin).toBe(SPEC.role().id);
    expect(!('refused' in result) && result.notCarried.map((n) => n.field)).toEqual(['adminRoles']);
  });

  test('a missing person is created with its e-mail address', () => {
    const user = resourceOf('User', 'new@acme.example', { license: 'standard' });
    expect(body(personMapping.toRemote(user, user.name, ids))).toEqual({
      emails: ['new@acme.example'],
      displayName: 'new@acme.example',
      roles: [],
      licenses: ['lic-std'],
    });
  });

  test('a supervisor gets the Supervisor role, by admin role or by contact-center role', () => {
    for (const spec of [
      { adminRoles: ['supervisor'], license: 'premium' },
      { contactCenterRole: 'supervisor-agent', license: 'premium' },
      { contactCenterRole: 'supervisor', adminRoles: ['supervisor'] },
    ]) {
      const user = resourceOf('User', 'lead@acme.example', spec);
      const result = personMapping.toRemote(user, user.name, ids);
      expect(body(result).roles, JSON.stringify(spec)).toEqual(['role-sup']);
      expect(!('refused' in result) && result.notCarried).toEqual([]);
    }
    expect(personMapping.fromRemote({ roles: ['role-sup'] }, ids).spec.adminRoles).toEqual([
      'supervisor',
    ]);
  });

  test('the contact-center user asks for the profile type Webex gives by licence and role', () => {
    const live = SPEC.ccUser();
    const cases: [object, string, string[]][] = [
      [{ contactCenterRole: 'supervisor', license: 'premium' }, 'up-sup', []],
      [
        { contactCenterRole: 'supervisor', license: 'premium', adminRoles: ['cc-service-admin'] },
        'up-admin',
        [],
      ],
      [
        { contactCenterRole: 'agent', license: 'premium', adminRoles: ['full-admin'] },
        'up-admin',
        [],
      ],
      [
        { contactCenterRole: 'supervisor-agent', license: 'standard' },
        'up-std',
        ['contactCenterRole'],
      ],
    ];
    for (const [spec, profile, notCarriedFields] of cases) {
      const user = resourceOf('User', 'johnwick@company.com', spec);
      const result = ccUserMapping.toRemote(user, user.name, ids, live);
      expect(body(result).userProfileId, JSON.stringify(spec)).toBe(profile);
      expect(!('refused' in result) && result.notCarried.map((n) => n.field)).toEqual(
        notCarriedFields,
      );
    }
  });

  test('the contact-center user: role by profile type, teams, desktop profile; the rest kept', () => {
    const live = SPEC.ccUser();
    const user = resourceOf('User', 'johnwick@company.com', {
      contactCenterRole: 'agent',
      license: 'premium',
      teams: ['Sales'],
      desktopProfile: 'Agent_Desk',
    });
    const sent = body(ccUserMapping.toRemote(user, user.name, ids, live));
    expect(sent).toEqual(
      only(live, {
        userProfileId: 'up-prem',
        contactCenterEnabled: true,
        teamIds: ['t-1'],
        agentProfileId: 'ap-1',
      }),
    );
    expect(ccUserMapping.fromRemote(sent, ids).spec).toEqual({
      contactCenterRole: 'agent',
      teams: ['Sales'],
      desktopProfile: 'Agent_Desk',
    });
    const none = resourceOf('User', 'johnwick@company.com', { license: 'premium' });
    expect(body(ccUserMapping.toRemote(none, none.name, ids, live))).toMatchObject({
      contactCenterEnabled: false,
      userProfileId: live.userProfileId,
      teamIds: [],
    });
    expect(ccUserMapping.toRemote(user, user.name, ids)).toMatchObject({
      refused: expect.stringContaining('contact-center licence'),
    });
  });
});
