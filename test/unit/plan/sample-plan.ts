import { error, warning } from '../../../src/diagnostics/diagnostic.js';
import { assemblePlan, planChanges } from '../../../src/plan/make-plan.js';
import type { Plan } from '../../../src/model/plan.js';
import { model, res, systemEntryPoint, tenant } from './fixtures.js';

const lines = (n: number, changed: number | null) =>
  Array.from({ length: n }, (_, i) =>
    i === changed ? `  "step${i}": "changed",` : `  "step${i}": "x",`,
  ).join('\n') + '\n';

/** One of each: create, update (scalar, set, nested, added, multi-line text), delete; two diagnostics. */
export function samplePlan(): Plan {
  const desired = model(
    tenant('acme'),
    systemEntryPoint('acme'),
    res(
      'EntryPoint',
      'Sales_Chat',
      'acme',
      { active: true, channelType: 'chat', flow: 'Sales' },
      { team: 'sales' },
    ),
    res('Flow', 'Sales', 'acme', { type: 'routing', definition: lines(40, 20) }),
    res('Queue', 'Q1', 'acme', {
      channelType: 'chat',
      direction: 'inbound',
      agents: ['ann@acme.example', 'cat@acme.example'],
      wrapUp: { timeoutSeconds: 60, supervisorMayEndEarly: false },
      serviceLevelThresholdSeconds: 20,
    }),
  );
  const stored = model(
    tenant('acme'),
    systemEntryPoint('acme'),
    res('Flow', 'Sales', 'acme', { type: 'event', definition: lines(40, null) }),
    res('Queue', 'Q1', 'acme', {
      channelType: 'chat',
      direction: 'inbound',
      agents: ['ann@acme.example', 'bob@acme.example'],
      wrapUp: { timeoutSeconds: 30, supervisorMayEndEarly: false },
    }),
    res('Team', 'Old', 'acme', { description: 'to go' }),
  );
  return assemblePlan({
    scopes: { acme: { baseRevision: 7 } },
    changes: planChanges(desired, stored, new Set(['acme'])),
    diagnostics: [
      warning('EP_FLOW_NO_BUSINESS_HOURS', 'flow "Sales" has no businessHours', {
        address: 'acme/EntryPoint/Sales_Chat',
        place: { file: 'acme/entry-points.yaml', line: 8, column: 9 },
      }),
      error('REF_IN_USE', 'team "Old" is still referenced', { address: 'acme/Team/Old' }),
    ],
  });
}
