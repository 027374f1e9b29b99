// The flow store (Flow Designer): flows are listed as a plain array (page from 0, `size` default
// 10), imported from a file holding a FlowVersionRes (a same-named flow gets a new version with
// overwrite=yes, else 409), published with tags, exported by version. It has no update or delete.
import type { Context } from 'openapi-backend';
import type { components } from '../../../src/generated/webex-contact-center.js';
import { answer } from '../server/answers.js';
import type { BasicFlow } from '../state/entities.js';
import {
  flowNamed,
  flowVersion,
  importFlowVersion,
  publishLastVersion,
} from '../state/flow-store.js';
import type { SimOrg } from '../state/sim-org.js';
import type { SimAnswer } from '../types.js';
import {
  bodyOf,
  notSimulated,
  pathParam,
  queryOf,
  withCcOrg,
  type OrgHandler,
  type SimHandler,
} from './common.js';
import { flowInFile } from './flow-file.js';
import { slice } from './paging.js';

/** "System generated value which is the same across orgs and environments. Always use" it. */
export const FLOW_PROJECT_ID = '5e5c9ad6d61f870d6d778c1b';
/** PublishParameters.tagIds: "It must be one of 'Live', 'Test', 'Dev', 'Latest'." */
const TAGS = ['Live', 'Test', 'Dev', 'Latest'];

const inProject = (handler: OrgHandler): SimHandler =>
  withCcOrg((c, rc, org) =>
    pathParam(c, 'projectId') === FLOW_PROJECT_ID
      ? handler(c, rc, org)
      : answer(404, { message: `project ${pathParam(c, 'projectId')} not found` }),
  );

const withFlow = (handler: (c: Context, org: SimOrg, flow: BasicFlow) => SimAnswer): OrgHandler => {
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
  const read = flowInFile(c, bodyOf<{ file?: unknown }>(c).file);
  if (!read.ok) {
    rc.sim.recorder.invalid(`importFlow: request invalid: ${read.description}`);
    return { ...answer(400, { message: read.description }), unchecked: true };
  }
  const query = queryOf<{ overwrite?: string; flowType?: string }>(c);
  if (flowNamed(org, read.value.name) && query.overwrite !== 'yes')
    return answer(409, {
      message: `a flow named ${read.value.name} exists (overwrite=yes replaces it)`,
    });
  return answer(201, importFlowVersion(org, read.value, query.flowType ?? 'FLOW'));
});

export const publishFlow = inProject(
  withFlow((c, org, flow) => {
    const tagIds = bodyOf<components['schemas']['PublishParameters']>(c).tagIds ?? [];
    const unknown = tagIds.find((tag) => !TAGS.includes(tag));
    if (unknown)
      return answer(400, { message: `tagIds: ${unknown} is not one of ${TAGS.join(', ')}` });
    const outcome = publishLastVersion(org, flow, tagIds);
    if (!outcome.ok) return answer(400, { message: outcome.description });
    const { flow: published, versions } = outcome.value;
    return answer(200, {
      ...published,
      projectId: FLOW_PROJECT_ID,
      flowVersions: versions.map((version) => version.id ?? ''),
      latestVersion: versions.at(-1),
    });
  }),
);

export const exportFlow = inProject(
  withFlow((c, org, flow) => {
    const wanted = queryOf<{ version?: string }>(c).version ?? 'latest';
    const version = flowVersion(org, flow, wanted);
    return version ? answer(200, version) : answer(404, { message: `version ${wanted} not found` });
  }),
);
