import type { DialNumber } from '../entities.js';
import type { EntityMapping } from './mapping.js';
import { defined, notCarried } from './mapping.js';

/**
 * EntryPoint supportNumbers → one dial-number mapping per number, pointing at the entry point.
 * The numbers of an entry point are read back as the mappings whose entryPointId is its id.
 */
export const dialNumberMapping: EntityMapping<'EntryPoint', DialNumber, DialNumber> = {
  entity: 'dial-number',
  kind: 'EntryPoint',
  carries: [
    {
      field: 'supportNumbers',
      to: 'one dial-number mapping per number: dialledNumber, entryPointId, entryPointName',
    },
  ],
  keys: (resource) => resource.spec.supportNumbers ?? [],
  keyOf: (live) => live.dialledNumber,
  links: [{ field: 'entryPointId', entity: 'entry-point' }],

  toRemote(resource, key, ids, live) {
    const entryPointId = ids.id('entry-point', resource.name);
    if (entryPointId === undefined)
      return { refused: `entry point ${resource.name} is not in Webex` };
    const body: DialNumber = {
      ...live,
      dialledNumber: key,
      entryPointId,
      entryPointName: resource.name,
    };
    return { body: defined(body), notCarried: [] };
  },

  fromRemote(object) {
    if (!object.dialledNumber)
      return {
        spec: {},
        notRepresented: [notCarried('supportNumbers', 'a mapping without a number')],
      };
    // ccac holds E.164; Webex's may carry dashes or dots, or no plus.
    const number = `+${object.dialledNumber.replace(/\D/g, '')}`;
    return { spec: { supportNumbers: [number] }, notRepresented: [] };
  },
};
