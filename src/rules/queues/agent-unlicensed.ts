import type { ModelResource } from '../../model/model.js';
import type { ConfigContext, ConfigRule, Reporter } from '../rule.js';
import { itemPath, listValues } from '../support/resources.js';

export const queueAgentUnlicensed: ConfigRule = {
  code: 'QUEUE_AGENT_UNLICENSED',
  severity: 'error',
  stage: 'config',
  source: 'seed 003 (agents need the agent role); seed 000 (CC licenses)',
  summary:
    'A queue or campaign agent has no contact-center license, or a contactCenterRole of none or supervisor.',
  check(context, report) {
    for (const queue of context.desired.ofKind('Queue')) checkAgents(context, queue, report);
    for (const campaign of context.desired.ofKind('Campaign'))
      checkAgents(context, campaign, report);
  },
};

function checkAgents(
  context: ConfigContext,
  owner: ModelResource<'Queue' | 'Campaign'>,
  report: Reporter,
): void {
  for (const value of listValues(owner, 'agents')) {
    const user = context.desired.get('User', value, owner.tenant);
    if (!user) continue; // REF_UNKNOWN
    const reasons: string[] = [];
    if (user.spec.license === 'none' || user.spec.license === undefined)
      reasons.push('license none');
    const role = user.spec.contactCenterRole ?? 'none';
    if (role === 'none' || role === 'supervisor') reasons.push(`contactCenterRole ${role}`);
    if (reasons.length === 0) continue;
    report(
      owner,
      itemPath(context, owner, 'agents', value),
      `agent ${user.name} of ${owner.kind} "${owner.name}" has ${reasons.join(' and ')}; agents need a standard or premium license and the agent or supervisor-agent role`,
    );
  }
}
