import type { ModelResource } from '../../model/model.js';
import type { ConfigContext, ConfigRule } from '../rule.js';
import { itemPath, listValues } from '../support/resources.js';

export const epNumberInUse: ConfigRule = {
  code: 'EP_NUMBER_IN_USE',
  severity: 'error',
  stage: 'config',
  reach: 'configuration',
  source: 'seed 002 (the phone number must be unique); seed 004 (support numbers)',
  summary:
    'One support number is on two entry points, in the same tenant or anywhere in the configuration.',
  check(context, report) {
    const firstUse = new Map<string, ModelResource<'EntryPoint'>>();
    for (const entryPoint of context.desired.ofKind('EntryPoint')) {
      for (const value of listValues(entryPoint, 'supportNumbers')) {
        const first = firstUse.get(value);
        if (!first) firstUse.set(value, entryPoint);
        else if (first !== entryPoint)
          report(
            entryPoint,
            itemPath(context, entryPoint, 'supportNumbers', value),
            `support number ${value} is already on entry point ${first.address}${where(context, first, value)}`,
          );
      }
    }
  },
};

function where(context: ConfigContext, entryPoint: ModelResource, value: string): string {
  const place = entryPoint.origin?.locate(itemPath(context, entryPoint, 'supportNumbers', value));
  return place ? ` (${place.file}:${place.line}:${place.column})` : '';
}
