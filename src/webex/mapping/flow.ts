import { sha256 } from '../../model/canonical-json.js';
import type { Flow } from '../entities.js';
import type { EntityMapping, NotCarried } from './mapping.js';
import { notCarried } from './mapping.js';

/** What a flow push sends: the definition file, imported (overwrite=yes) then published. */
export interface FlowImport {
  name: string;
  definition: string;
  digest: string;
}

/** A flow as listed, with its exported definition when one was read (import). */
export type LiveFlow = Flow & { definition?: string };

/**
 * Flow → flow-store flow, resolved by name. The definition file is imported and published; the
 * flow store has no update (import again with overwrite=yes) and no delete.
 */
export const flowMapping: EntityMapping<'Flow', LiveFlow, FlowImport> = {
  entity: 'flow',
  kind: 'Flow',
  carries: [
    { field: 'metadata.name', to: 'name (the definition file’s own name must be the same)' },
    {
      field: 'definitionFile',
      to: 'flows:import (multipart file, overwrite=yes), then :publish with tag Live',
      note: 'a change made in Flow Designer is found by the flow’s version',
    },
  ],
  keys: (resource) => [resource.name],
  keyOf: (live) => live.name,

  toRemote(resource, key, _ids, live) {
    const notCarriedList: NotCarried[] = [];
    const definition = resource.spec.definition;
    if (definition === undefined)
      return live
        ? { body: { name: key, definition: '', digest: '' }, notCarried: notCarriedList }
        : { refused: `no flow named ${key} in Webex and no definitionFile to import it from` };
    const named = definitionName(definition);
    if (named !== key)
      return {
        refused:
          named === undefined
            ? 'the definition file is not a Flow Designer export with a name'
            : `the definition file names the flow "${named}", not "${key}"`,
      };
    return {
      body: { name: key, definition, digest: sha256(definition) },
      notCarried: notCarriedList,
    };
  },

  fromRemote(object) {
    const notRepresented = [
      notCarried(
        'type',
        `Webex's flowType ${'flowType' in object ? object.flowType : 'FLOW'} does not say routing or event: read as routing`,
      ),
    ];
    const definition = object.definition;
    return {
      spec: { type: 'routing', ...(definition ? { definition } : {}) },
      notRepresented,
    };
  },

  // The flow store keeps no digest of what was imported: compare by what ccac last published.
  compare(desired, live, recorded) {
    if (desired.digest === '') return [];
    const changedOutside =
      live !== undefined && recorded !== undefined && recorded.version !== live.version;
    if (recorded?.digest === desired.digest && !changedOutside) return [];
    return [
      {
        field: 'definition',
        live: !live
          ? null
          : changedOutside
            ? `changed in Flow Designer (version ${live.version ?? '?'})`
            : recorded
              ? `published by ccac (sha256 ${recorded.digest?.slice(0, 12) ?? '?'})`
              : 'not published by ccac',
        desired: `definition file (sha256 ${desired.digest.slice(0, 12)})`,
      },
    ];
  },
};

function definitionName(definition: string): string | undefined {
  try {
    const parsed = JSON.parse(definition) as unknown;
    const name = (parsed as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
