import type { ValuePath } from '../../config/yaml-document.js';
import type { ModelResource } from '../../model/model.js';
import type { ConfigRule } from '../rule.js';
import { listItems, ofKind } from '../support/resources.js';

interface Use {
  entryPoint: ModelResource<'EntryPoint'>;
  path: ValuePath;
}

export const epNumberInUse: ConfigRule = {
  code: 'EP_NUMBER_IN_USE',
  severity: 'error',
  stage: 'config',
  source: 'seed 002 (the phone number must be unique); seed 004 (support numbers)',
  summary:
    'One support number is on two entry points, in the same tenant or anywhere in the configuration.',
  check(context, report) {
    const firstUse = new Map<string, Use>();
    for (const entryPoint of ofKind(context.desired, 'EntryPoint')) {
      if (!entryPoint.spec.supportNumbers?.length) continue;
      for (const { value, path } of listItems(context, entryPoint, 'supportNumbers')) {
        const first = firstUse.get(value);
        if (!first) firstUse.set(value, { entryPoint, path });
        else if (first.entryPoint !== entryPoint)
          report(
            entryPoint,
            path,
            `support number ${value} is already on entry point ${first.entryPoint.address}${where(first)}`,
          );
      }
    }
  },
};

function where({ entryPoint, path }: Use): string {
  const place = entryPoint.origin?.locate(path);
  return place ? ` (${place.file}:${place.line}:${place.column})` : '';
}
