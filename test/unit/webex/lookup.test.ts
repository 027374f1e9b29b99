import { describe, expect, test } from 'vitest';
import { emptyLiveState, type LiveState } from '../../../src/webex/entities.js';
import { isPlaceholder, Lookup } from '../../../src/webex/lookup.js';
import { SPEC_FIXTURES as SPEC } from './fixtures/spec-examples.js';

function live(objects: Partial<Record<keyof LiveState, object[]>>): LiveState {
  return { ...emptyLiveState(), ...objects } as unknown as LiveState;
}

describe('the lookup: names ↔ ids per entity, from the listings', () => {
  test('both ways, per entity; a name in one entity is not one in another', () => {
    const lookup = Lookup.fromLive(
      live({ team: [SPEC.team()], 'entry-point': [SPEC.entryPoint()] }),
    );
    expect(lookup.id('team', 'inline-pcs-team')).toBe('93912f11-6017-404b-bf14-5331890b1797');
    expect(lookup.key('team', '93912f11-6017-404b-bf14-5331890b1797')).toBe('inline-pcs-team');
    expect(lookup.id('team', 'Telephony-Ep')).toBeUndefined();
    expect(lookup.key('entry-point', '93912f11-6017-404b-bf14-5331890b1797')).toBe('Telephony-Ep');
  });

  test('people and contact-center users by e-mail in lower case; dial numbers by digits', () => {
    const lookup = Lookup.fromLive(
      live({
        person: [{ id: 'p-1', emails: ['Ann@Acme.example'] }],
        'cc-user': [{ id: 'u-1', email: 'Ann@Acme.example' }],
        'dial-number': [SPEC.dialNumber()],
      }),
    );
    expect(lookup.id('person', 'ann@acme.example')).toBe('p-1');
    expect(lookup.id('cc-user', 'ann@acme.example')).toBe('u-1');
    expect(lookup.id('dial-number', '+11234567890')).toBe('93912f11-6017-404b-bf14-5331890b1797');
  });

  test('user profiles by type, system profiles first', () => {
    const lookup = Lookup.fromLive(
      live({
        'user-profile': [
          { id: 'custom', profileType: 'SUPERVISOR', systemDefault: false },
          { id: 'system', profileType: 'SUPERVISOR', systemDefault: true },
        ],
      }),
    );
    expect(lookup.id('user-profile', 'SUPERVISOR')).toBe('system');
  });

  test('two live objects with one name: the first by id is used, and the name is reported', () => {
    const lookup = Lookup.fromLive(
      live({
        team: [
          { id: 'b', name: 'Sales' },
          { id: 'a', name: 'Sales' },
        ],
      }),
    );
    expect(lookup.id('team', 'Sales')).toBe('a');
    expect(lookup.ambiguous.get('team')).toEqual(new Set(['Sales']));
  });

  test('what a plan creates is expected: a placeholder that reads back as its name', () => {
    const lookup = Lookup.fromLive(live({}));
    const id = lookup.expect('team', 'Sales');
    expect(isPlaceholder(id)).toBe(true);
    expect(lookup.id('team', 'Sales')).toBe(id);
    expect(lookup.key('team', id)).toBe('Sales');
    lookup.record('team', 'Sales', 't-1');
    expect(lookup.id('team', 'Sales')).toBe('t-1');
    lookup.forget('team', 't-1');
    expect(lookup.id('team', 'Sales')).toBeUndefined();
  });
});
