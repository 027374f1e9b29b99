// The flow store's state: a flow per name, each import a new version of it, publishing tags the
// last version, an export reads one version back.
import { newFlowStoreId } from '../ids.js';
import type { BasicFlow, FlowVersion } from './entities.js';
import { done, refused, type Outcome } from './outcome.js';
import type { SimOrg } from './sim-org.js';

const AUTHOR = 'ccac-simulator';

export const flowNamed = (org: SimOrg, name: string): BasicFlow | undefined =>
  [...org.flows.values()].find((flow) => flow.name === name);

/** A new version of the flow the file names (a new flow when there is none by that name). */
export function importFlowVersion(
  org: SimOrg,
  file: FlowVersion & { name: string },
  flowType: string,
): BasicFlow {
  const existing = flowNamed(org, file.name);
  const now = new Date().toISOString();
  const flowId = existing?.id ?? newFlowStoreId();
  const number = (existing?.version ?? 0) + 1;
  const stamps = {
    orgId: org.orgId,
    version: number,
    flowType,
    lastModifiedBy: AUTHOR,
    lastModifiedDate: now,
  };
  const version: FlowVersion = {
    ...file,
    ...stamps,
    id: newFlowStoreId(),
    flowId,
    createdBy: AUTHOR,
    createdDate: now,
  };
  org.flowVersions.set(flowId, [...(org.flowVersions.get(flowId) ?? []), version]);
  const flow: BasicFlow = {
    tags: [],
    tagHistories: {},
    status: 'DRAFT',
    createdBy: AUTHOR,
    createdDate: now,
    ...existing,
    ...stamps,
    id: flowId,
    name: file.name,
    description: file.description ?? '',
  };
  org.flows.set(flowId, flow);
  return flow;
}

/** Tags the flow's last version (each tag moves from the version it was on). */
export function publishLastVersion(
  org: SimOrg,
  flow: BasicFlow,
  tagIds: readonly string[],
): Outcome<{ flow: BasicFlow; versions: FlowVersion[] }> {
  const versions = org.flowVersions.get(flow.id ?? '') ?? [];
  const last = versions.at(-1);
  if (!last) return refused(400, 'the flow has no version to publish');
  const tags = [
    ...(flow.tags ?? []).filter((tag) => !tagIds.includes(tag.id ?? '')),
    ...tagIds.map((id) => ({
      id,
      displayName: id,
      default: id === 'Live',
      flowVersionId: last.id,
      versionNumber: last.version,
    })),
  ];
  const published = {
    ...flow,
    tags,
    status: 'PUBLISHED',
    lastModifiedDate: new Date().toISOString(),
  };
  org.flows.set(flow.id ?? '', published);
  org.publishedFlowVersions.set(flow.id ?? '', last.id ?? '');
  return done({ flow: published, versions });
}

/** `wanted`: 'draft' (the last imported), 'latest' (the last published, else the draft) or an id. */
export function flowVersion(org: SimOrg, flow: BasicFlow, wanted: string): FlowVersion | undefined {
  const versions = org.flowVersions.get(flow.id ?? '') ?? [];
  const draft = versions.at(-1)?.id;
  const id =
    wanted === 'draft'
      ? draft
      : wanted === 'latest'
        ? (org.publishedFlowVersions.get(flow.id ?? '') ?? draft)
        : wanted;
  return versions.find((version) => version.id === id);
}
