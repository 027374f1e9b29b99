import type { StateRule } from '../rule.js';
import { updatesOf } from './changes.js';

export const epChannelTypeImmutable: StateRule = {
  code: 'EP_CHANNEL_TYPE_IMMUTABLE',
  severity: 'error',
  stage: 'state',
  source: 'seed 004: the channel type cannot be edited',
  summary: "A stored entry point's channelType changes.",
  check({ desired, changes }, report) {
    for (const change of updatesOf(changes, 'EntryPoint', 'spec.channelType')) {
      const resource = desired.byAddress.get(change.address);
      if (!resource) continue;
      report(
        resource,
        ['spec', 'channelType'],
        `channelType of entry point ${change.name} is ${JSON.stringify(change.field.before)} and cannot be edited; create a new entry point instead`,
      );
    }
  },
};
