// The flow store (Flow Designer): flows are listed as a plain array (page from 0, `size` default
// 10), imported from a file holding a FlowVersionRes (a same-named flow gets a new version with
// overwrite=yes, else 409), published with tags, exported by version. It has no update or delete.
import type { Context } from 'openapi-backend';
import type { components } from '../../../src/generated/webex-contact-center.js';
import { newFlowStoreId } from '../ids.js';
import { answer } from '../server/answers.js';
import type { RequestContext } from '../server/context.js';
import type { BasicFlow, FlowVersion } from '../state/entities.js';
import type { SimOrg } from '../state/sim-org.js';
import type { SimAnswer } from '../types.js';
import { bodyOf, notSimulated, pathParam, queryOf, withCcOrg, type SimHandler } from './common.js';
import { flowFileProblems } from './flow-file.js';
import { slice } from './paging.js';

/** "System generated value which is the same across orgs and environments. Always use" it. */
export const FLOW_PROJECT_ID = '5e5c9ad6d61f870d6d778c1b';
/** PublishParameters.tagIds: "It must be one of 'Live', 'Test', 'Dev', 'Latest'." */
const TAGS = ['Live', 'Test', 'Dev', 'Latest'];
const AUTHOR = 'ccac-simulator';

type FlowHandler = (c: Context, rc: RequestContext, org: SimOrg) => SimAnswer;

const inProject = (handler: FlowHandler): SimHandler =>
  withCcOrg((c, rc, org) =>
    pathParam(c, 'projectId') === FLOW_PROJECT_ID
      ? handler(c, rc, org)
      : answer(404, { message: `project ${pathParam(c, 'projectId')} not found` }),
  );

const withFlow = (
  handler: (c: Context, org: SimOrg, flow: BasicFlow) => SimAnswer,
): FlowHandler => {
  return (c, _rc, org) => {
    const flow = org.flows.get(pathParam(c, 'flowId'));
    return flow ? handler(c, org, flow) : answer(404, { message: 'flow not found' });
  };
};

interface FlowListQuery {
  flowType?: string;
  ids?: string[];
  page?: number;
  size?: number;
  partialNameSearch?: string;
  includePagination?: boolean;
}

export const listFlows = inProject((c, rc, org) => {
  const query = queryOf<FlowListQuery>(c);
  if (query.includePagination)
    return notSimulated(
      c,
      rc,
      'includePagination=true answers an object the published schema (an array) does not describe: page with page and size until a short page.',
    );
  const ids = query.ids?.flatMap((id) => id.split(','));
  const part = query.partialNameSearch?.toLowerCase();
  const chosen = [...org.flows.values()].filter(
    (flow) =>
      flow.flowType === (query.flowType ?? 'FLOW') &&
      (!ids || ids.includes(flow.id ?? '')) &&
      (!part || (flow.name ?? '').toLowerCase().includes(part)),
  );
  const page = slice(chosen, query.page ?? 0, query.size ?? 10, rc.sim.pageMax());
  return page.ok ? answer(200, page.value.items) : answer(400, { message: page.description });
});

export const importFlow = inProject((c, rc, org) => {
  const problems = flowFileProblems(c, bodyOf<{ file?: unknown }>(c).file);
  if (!problems.ok) {
    rc.sim.recorder.invalid(`importFlow: request invalid: ${problems.description}`);
    return { ...answer(400, { message: problems.description }), unchecked: true };
  }
  const file = problems.value;
  const query = queryOf<{ overwrite?: string; flowType?: string }>(c);
  const existing = [...org.flows.values()].find((flow) => flow.name === file.name);
  if (existing && query.overwrite !== 'yes')
    return answer(409, { message: `a flow named ${file.name} exists (overwrite=yes replaces it)` });
  const now = new Date().toISOString();
  const flowId = existing?.id ?? newFlowStoreId();
  const number = (existing?.version ?? 0) + 1;
  const flowType = query.flowType ?? 'FLOW';
  const version: FlowVersion = {
    ...file,
    id: newFlowStoreId(),
    flowId,
    orgId: org.orgId,
    version: number,
    flowType,
    createdBy: AUTHOR,
    createdDate: now,
    lastModifiedBy: AUTHOR,
    lastModifiedDate: now,
  };
  org.flowVersions.set(flowId, [...(org.flowVersions.get(flowId) ?? []), version]);
  const flow: BasicFlow = {
    tags: [],
    tagHistories: {},
    status: 'DRAFT',
    createdBy: AUTHOR,
    createdDate: now,
    ...existing,
    id: flowId,
    name: file.name,
    description: file.description ?? '',
    flowType,
    orgId: org.orgId,
    version: number,
    lastModifiedBy: AUTHOR,
    lastModifiedDate: now,
  };
  org.flows.set(flowId, flow);
  return answer(201, flow);
});

type Publish = components['schemas']['PublishParameters'];

export const publishFlow = inProject(
  withFlow((c, org, flow) => {
    const tagIds = bodyOf<Publish>(c).tagIds ?? [];
    const unknown = tagIds.find((tag) => !TAGS.includes(tag));
    if (unknown)
      return answer(400, { message: `tagIds: ${unknown} is not one of ${TAGS.join(', ')}` });
    const versions = org.flowVersions.get(flow.id ?? '') ?? [];
    const latest = versions.at(-1);
    if (!latest) return answer(400, { message: 'the flow has no version to publish' });
    const tags = [
      ...(flow.tags ?? []).filter((tag) => !tagIds.includes(tag.id ?? '')),
      ...tagIds.map((id) => ({
        id,
        displayName: id,
        default: id === 'Live',
        flowVersionId: latest.id,
        versionNumber: latest.version,
      })),
    ];
    const published = {
      ...flow,
      tags,
      status: 'PUBLISHED',
      lastModifiedDate: new Date().toISOString(),
    };
    org.flows.set(flow.id ?? '', published);
    org.publishedFlowVersions.set(flow.id ?? '', latest.id ?? '');
    return answer(200, {
      ...published,
      projectId: FLOW_PROJECT_ID,
      flowVersions: versions.map((version) => version.id ?? ''),
      latestVersion: latest,
    });
  }),
);

/** `version`: 'draft' (the last imported), 'latest' (the last published, else the draft) or an id. */
export const exportFlow = inProject(
  withFlow((c, org, flow) => {
    const versions = org.flowVersions.get(flow.id ?? '') ?? [];
    const wanted = queryOf<{ version?: string }>(c).version ?? 'latest';
    const id =
      wanted === 'latest'
        ? (org.publishedFlowVersions.get(flow.id ?? '') ?? versions.at(-1)?.id)
        : wanted === 'draft'
          ? versions.at(-1)?.id
          : wanted;
    const version = versions.find((candidate) => candidate.id === id);
    return version ? answer(200, version) : answer(404, { message: `version ${wanted} not found` });
  }),
);
