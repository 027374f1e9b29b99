import type { OverridesList } from '../entities.js';
import type { EntityMapping, NotCarried } from './mapping.js';
import { defined, notCarried } from './mapping.js';
import { nameProblem } from './webex-names.js';
import { fromZonedLocal, toZonedLocal } from './zoned-time.js';

/**
 * BusinessHours overrides → an overrides list of their own, named after the business hours and
 * linked by overridesId. Webex holds local times without offset in the list's time zone: the
 * business hours' zone.
 */
export const overridesMapping: EntityMapping<'BusinessHours', OverridesList, OverridesList> = {
  entity: 'overrides',
  kind: 'BusinessHours',
  carries: [
    {
      field: 'overrides',
      to: 'overrides[]: name, startDateTime, endDateTime (local, no offset), workingHours ← open',
      note: 'an overrides list named after the business hours, in its time zone, linked by overridesId',
    },
  ],
  keys: (resource) => (resource.spec.overrides?.length ? [resource.name] : []),
  keyOf: (live) => live.name,

  toRemote(resource, key, _ids, live) {
    const { timezone, overrides = [] } = resource.spec;
    const problem =
      nameProblem('overrides list', key, 'schedule') ??
      overrides.map((o) => nameProblem('override', o.name, 'schedule')).find(Boolean);
    if (problem) return { refused: problem };
    const body: OverridesList = {
      ...live,
      name: key,
      timezone,
      overrides: overrides.map((o) => ({
        name: o.name,
        startDateTime: toZonedLocal(o.from, timezone),
        endDateTime: toZonedLocal(o.to, timezone),
        workingHours: o.open,
        frequency: 'DontRepeat',
      })),
    };
    return { body: defined(body), notCarried: [] };
  },

  fromRemote(object) {
    const notRepresented: NotCarried[] = [];
    const zone = object.timezone ?? 'UTC';
    const overrides = [];
    for (const o of object.overrides ?? []) {
      const from = o.startDateTime && fromZonedLocal(o.startDateTime, zone);
      const to = o.endDateTime && fromZonedLocal(o.endDateTime, zone);
      if ((o.frequency && o.frequency !== 'DontRepeat') || o.recurrence || !from || !to) {
        notRepresented.push(
          notCarried(
            'overrides',
            `override "${o.name}" repeats or has no start and end: ccac holds one-off periods`,
          ),
        );
        continue;
      }
      overrides.push({ name: o.name, from, to, open: o.workingHours });
    }
    return { spec: overrides.length ? { overrides } : {}, notRepresented };
  },
};
