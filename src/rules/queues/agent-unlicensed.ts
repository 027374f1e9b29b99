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
    const unlicensed = user.spec.license === 'none' || user.spec.license === undefined;
    const role = user.spec.contactCenterRole ?? 'none';
    const notAgent = role === 'none' || role === 'supervisor';
    if (!unlicensed && !notAgent) continue; // most agents: nothing allocated
    const reasons: string[] = [];
    if (unlicensed) reasons.push('license none');
    if (notAgent) reasons.push(`contactCenterRole ${role}`);
    report(
      owner,
      itemPath(context, owner, 'agents', value),
      `agent ${user.name} of ${owner.kind} "${owner.name}" has ${reasons.join(' and ')}; agents need a standard or premium license and the agent or supervisor-agent role`,
    );
  }
}
