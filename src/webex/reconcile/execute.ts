import { addressOf } from '../../model/address.js';
import type { TenantKind } from '../../model/kinds.js';
import type { ModelResource } from '../../model/model.js';
import { REFERENCE_FIELDS } from '../../rules/references/reference-fields.js';
import type { ApiResult } from '../client/api-result.js';
import type { WebexClient } from '../client/webex-client.js';
import type { CcUser, Person, WebexEntity } from '../entities.js';
import { numberKey } from '../lookup.js';
import type { FlowImport } from '../mapping/flow.js';
import { entityMapping } from '../mapping/kinds.js';
import { isRefused } from '../mapping/mapping.js';
import type { PersonBody } from '../mapping/person.js';
import { personIdOfLocation, scimIdOf, scimPatchOf, scimUserOf } from '../mapping/scim-user.js';
import type { RemoteRef } from '../remote-refs.js';
import { batchesOf, type Batch, type BatchItem } from './batches.js';
import type { TenantView } from './live-index.js';
import type { Observation, ResourceObservation } from './observation.js';
import { finish, initialStatus, type PushEvent, type ResourceOutcome } from './outcome.js';
import { retiredUser } from './retired-user.js';
import { listEntity } from './read-live.js';
import {
  assignLicenses,
  BULK_CALLS,
  createPerson,
  scimAnswer,
  scimBulk,
  type ScimOperation,
  createSite,
  importFlow,
  personPutBody,
  publishFlow,
  updatePerson,
  itemAnswer,
  type BulkItem,
} from './write-calls.js';

export interface ExecuteOptions {
  onEvent?: (event: PushEvent) => void;
  bulkSize?: number;
}

/**
 * Makes the observed writes (Crossplane's Create/Update/Delete, owned by one reconciler): batch
 * by batch in dependency order, each body built again from what is live and known now. A 4xx
 * fails its resource and every resource that refers to it; the rest goes on.
 */
export async function execute(
  client: WebexClient,
  view: TenantView,
  observation: Observation,
  options: ExecuteOptions = {},
): Promise<ResourceOutcome[]> {
  const run = new Execution(client, view, observation, options);
  return run.all();
}

class Execution {
  private readonly outcomes = new Map<string, ResourceOutcome>();
  private readonly observed = new Map<string, ResourceObservation>();
  private readonly emit: (event: PushEvent) => void;
  /** A person was given a licence: Webex made (some may be) contact-center users to list. */
  private licensed = false;

  constructor(
    private readonly client: WebexClient,
    private readonly view: TenantView,
    private readonly observation: Observation,
    private readonly options: ExecuteOptions,
  ) {
    this.emit = options.onEvent ?? (() => {});
    for (const resource of observation.resources) {
      this.observed.set(resource.address, resource);
      this.outcomes.set(resource.address, {
        address: resource.address,
        kind: resource.kind,
        name: resource.name,
        status: initialStatus(resource),
        refs: [...resource.refs],
        adopted: resource.adopted,
        calls: 0,
        failures: [],
        notCarried: resource.notCarried,
        assumed: resource.assumed,
        ...(resource.reason === undefined ? {} : { reason: resource.reason }),
      });
    }
  }

  async all(): Promise<ResourceOutcome[]> {
    // Adopted objects are recorded first: an interrupted push leaves them known.
    for (const resource of this.observation.resources)
      if (resource.adopted)
        this.emit({ type: 'refs', address: resource.address, refs: resource.refs });
    // Batches of one entity and action go out together; one step after the other.
    for (const step of steps(batchesOf(this.observation, this.options.bulkSize))) {
      // Licences given just now made contact-center users, which queues (agents) and the
      // users' own settings refer to: listed once the people are done.
      if (this.licensed && step[0]!.entity !== 'person') {
        this.licensed = false;
        await this.relistUsers();
      }
      await Promise.all(step.map((batch) => this.runBatch(batch)));
    }
    return [...this.outcomes.values()].map((o) => finish(o, this.observed.get(o.address)!));
  }

  private async runBatch(batch: Batch): Promise<void> {
    if (batch.entity === 'site') return this.createSite(batch);
    const ready = batch.items.filter((item) => this.ready(item, batch));
    if (ready.length === 0) return;
    if (batch.action === 'delete' || batch.action === 'deactivate')
      return this.bulk(batch, this.removals(batch, ready));
    const built = this.build(batch.entity, ready);
    if (built.length === 0) return;
    if (batch.scimBulk) return this.savePeopleByScim(built);
    if (batch.entity === 'person') return this.savePerson(built[0]!);
    if (batch.entity === 'flow') return this.saveFlow(built[0]!);
    return this.bulk(
      batch,
      built.map(({ item, body }) => ({
        item,
        body: { ...body, organizationId: this.client.orgId },
      })),
    );
  }

  /** Not failed already, and nothing it refers to failed. */
  private ready(item: BatchItem, batch: Batch): boolean {
    const outcome = this.outcomes.get(item.address);
    if (!outcome || outcome.status === 'failed') return false;
    if (batch.action !== 'save') return true;
    const failed = this.failedReference(item.address);
    if (failed) {
      this.fail(item.address, `depends on ${failed}, which failed`);
      return false;
    }
    return true;
  }

  private failedReference(address: string): string | undefined {
    const resource = this.resourceAt(address);
    if (!resource) return undefined;
    const notCarried = new Set(this.observed.get(address)?.notCarried.map((n) => n.field));
    for (const ref of REFERENCE_FIELDS) {
      if (ref.kind !== resource.kind || notCarried.has(ref.field)) continue;
      const value = (resource.spec as Record<string, unknown>)[ref.field];
      const names = Array.isArray(value) ? value : value === undefined ? [] : [value];
      for (const name of names as string[]) {
        const target = addressOf(ref.target, name, resource.tenant);
        if (this.outcomes.get(target)?.status === 'failed') return target;
      }
    }
    return undefined;
  }

  private resourceAt(address: string): ModelResource | undefined {
    const stored = this.view.model.byAddress.get(address);
    if (stored) return stored;
    return this.observed.get(address)?.kind === 'User' ? retiredUser(address) : undefined;
  }

  /** Each item's body, built now: the ids of what earlier batches created are known. */
  private build(entity: WebexEntity, items: BatchItem[]): Built[] {
    const out: Built[] = [];
    for (const item of items) {
      const resource = this.resourceAt(item.address);
      const mapping = resource && entityMapping(resource.kind, entity);
      if (!resource || !mapping) continue;
      const live = this.liveOf(entity, item);
      if (entity === 'cc-user' && live === undefined) {
        this.fail(
          item.address,
          `Webex has not made the contact-center user ${item.part.key} yet (it follows the licence): push again`,
        );
        continue;
      }
      const remote = mapping.toRemote(
        resource as ModelResource<TenantKind>,
        item.part.key,
        this.view.lookup,
        live,
      );
      if (isRefused(remote)) this.fail(item.address, remote.refused);
      else out.push({ item, body: remote.body as object, live });
    }
    return out;
  }

  private liveOf(entity: WebexEntity, item: BatchItem): unknown {
    if (item.part.id !== undefined) return this.view.object(entity, item.part.id);
    if (entity !== 'cc-user') return undefined;
    return this.view.object(entity, this.view.lookup.id(entity, item.part.key));
  }

  private removals(batch: Batch, items: BatchItem[]): { item: BatchItem; body: object }[] {
    return items.map((item) => {
      const live = (this.view.object(batch.entity, item.part.id) ?? { id: item.part.id }) as object;
      const body = batch.action === 'deactivate' ? { ...live, active: false } : live;
      return { item, body: { ...body, organizationId: this.client.orgId } };
    });
  }

  /** One bulk call; the 207 says, item by item, what was done. */
  private async bulk(batch: Batch, items: { item: BatchItem; body: object }[]): Promise<void> {
    const call = BULK_CALLS[batch.entity];
    if (!call || items.length === 0) return;
    const requestAction = batch.action === 'delete' ? 'DELETE' : 'SAVE';
    const request: BulkItem[] = items.map(({ body }, i) => ({
      itemIdentifier: i,
      item: body,
      requestAction,
    }));
    const result = await call(this.client, request);
    for (const { item } of items) this.count(item.address);
    if (!result.ok) {
      for (const { item } of items) this.fail(item.address, result.failure.message);
      return;
    }
    for (const [i, { item, body }] of items.entries()) {
      const answer = itemAnswer(result.value, i);
      if (!answer.ok) this.fail(item.address, answer.failure.message);
      else if (batch.action === 'delete') this.removed(item, batch.entity);
      else if (batch.action === 'save')
        this.saved(item, batch.entity, answer.value ?? item.part.id, body);
    }
  }

  private saved(
    item: BatchItem,
    entity: WebexEntity,
    id: string | undefined,
    body: object,
    extra: Partial<RemoteRef> = {},
  ): void {
    if (id === undefined) {
      this.fail(item.address, `Webex did not say the id of ${entity} ${item.part.key}`);
      return;
    }
    this.view.lookup.record(entity, item.part.key, id);
    // The body is the object as it now is, near enough for what later batches look up in it.
    this.view.put(entity, id, { ...body, id });
    // A write moves the version on; a bulk answer does not say to what (the next listing will).
    this.setRef(item.address, { entity, id, key: item.part.key, ...extra });
  }

  private removed(item: BatchItem, entity: WebexEntity): void {
    if (item.part.id === undefined) return;
    this.view.remove(entity, item.part.id);
    const outcome = this.outcomes.get(item.address)!;
    outcome.refs = outcome.refs.filter((r) => !(r.entity === entity && r.id === item.part.id));
    this.emit({ type: 'refs', address: item.address, refs: outcome.refs });
  }

  private async createSite(batch: Batch): Promise<void> {
    const profile = [...(this.view.index.get('multimedia-profile')?.keys() ?? [])][0];
    const teams = this.observation.resources.filter(
      (r) => r.kind === 'Team' && r.status === 'create',
    );
    if (profile === undefined) {
      for (const team of teams)
        this.fail(
          team.address,
          'no multimedia profile in the organization to create its site with',
        );
      return;
    }
    const result = await createSite(this.client, this.observation.tenant, profile);
    if (!result.ok || result.value.id === undefined) {
      const message = result.ok ? 'Webex did not say the new site’s id' : result.failure.message;
      for (const team of teams)
        this.fail(team.address, `creating the site ${this.observation.tenant}: ${message}`);
      return;
    }
    this.view.lookup.record('site', batch.items[0]!.part.key, result.value.id);
    this.view.put('site', result.value.id, result.value);
  }

  /**
   * People by one SCIM Bulk call: new ones without a licence (POST), and the name and roles of
   * live ones (PATCH), whose licences then go by PATCH /licenses/users, one person a call (the
   * only licence call Control Hub has). Each operation's answer settles its own user: a refused
   * one fails alone, with the API's detail. A person SCIM cannot carry goes by the People API.
   */
  private async savePeopleByScim(built: Built[]): Promise<void> {
    const sent: { one: Built; operation: ScimOperation }[] = [];
    const licencesOnly: Built[] = [];
    const others: Built[] = [];
    for (const one of built) {
      const operation = scimOperationOf(one);
      if (operation === undefined) others.push(one);
      else if (operation === 'none') licencesOnly.push(one);
      else sent.push({ one, operation });
    }
    const peopleApi = Promise.all(others.map((one) => this.savePerson(one)));
    const licences = Promise.all(licencesOnly.map((one) => this.saveLicences(one)));
    if (sent.length > 0) {
      const answered = await scimBulk(
        this.client,
        sent.map((s) => s.operation),
      );
      await Promise.all(
        sent.map(({ one, operation }, index) => {
          this.count(one.item.address);
          const scimId = operation.method === 'PATCH' ? operation.scimId : undefined;
          const result = answered.ok ? scimAnswer(answered.value, String(index), scimId) : answered;
          if (!result.ok) return this.fail(one.item.address, result.failure.message);
          if (operation.method === 'PATCH') return this.saveLicences(one);
          const id = personIdOfLocation(result.value);
          if (id === undefined)
            return this.fail(one.item.address, 'Webex did not say where it made this user');
          this.saved(one.item, 'person', id, { ...one.body, id, licenses: [] });
        }),
      );
    }
    await Promise.all([peopleApi, licences]);
  }

  /** A live person's licences, by PATCH /licenses/users (one person a call), then recorded. */
  private async saveLicences({ item, body, live }: Built): Promise<void> {
    const person = body as PersonBody;
    const current = live as Person;
    const id = item.part.id!;
    const add = (person.licenses ?? []).filter((l) => !(current.licenses ?? []).includes(l));
    const remove = (current.licenses ?? []).filter((l) => !(person.licenses ?? []).includes(l));
    if (add.length || remove.length) {
      const assigned = await assignLicenses(this.client, id, add, remove);
      this.count(item.address);
      this.licensed ||= add.length > 0;
      if (!assigned.ok) return this.fail(item.address, assigned.failure.message);
    }
    this.saved(item, 'person', id, person);
  }

  /** POST /people for a new person (with its roles and licences); PUT and PATCH for changes. */
  private async savePerson({ item, body, live }: Built): Promise<void> {
    const person = body as PersonBody;
    if (live === undefined) {
      const created = await createPerson(this.client, person);
      this.count(item.address);
      this.licensed ||= (person.licenses ?? []).length > 0;
      if (!created.ok) return this.fail(item.address, created.failure.message);
      return this.saved(item, 'person', created.value.id, created.value);
    }
    const current = live as Person;
    const id = item.part.id!;
    if (person.displayName !== current.displayName || !sameSet(person.roles, current.roles)) {
      const updated = await updatePerson(
        this.client,
        id,
        personPutBody({ ...person, licenses: current.licenses ?? [] }),
      );
      this.count(item.address);
      if (!updated.ok) return this.fail(item.address, updated.failure.message);
    }
    return this.saveLicences({ item, body, live });
  }

  /** Import the definition (a same-named flow is overwritten), then publish it. */
  private async saveFlow({ item, body }: { item: BatchItem; body: object }): Promise<void> {
    const flow = body as FlowImport;
    const imported = await importFlow(this.client, flow);
    this.count(item.address);
    if (!imported.ok) return this.fail(item.address, imported.failure.message);
    const id = imported.value.id ?? item.part.id;
    if (id === undefined)
      return this.fail(item.address, `Webex did not say the id of flow ${flow.name}`);
    const published = await publishFlow(this.client, id);
    this.count(item.address);
    if (!published.ok) return this.fail(item.address, published.failure.message);
    const version = published.value?.version ?? imported.value.version;
    this.saved(
      item,
      'flow',
      id,
      { ...imported.value, version },
      {
        digest: flow.digest,
        ...(version === undefined ? {} : { version }),
      },
    );
  }

  /** The licences given just now made contact-center users: list them before setting them up. */
  private async relistUsers(): Promise<void> {
    const listed: ApiResult<CcUser[]> = await listEntity(this.client, 'cc-user');
    if (!listed.ok) return;
    for (const user of listed.value) {
      if (user.id === undefined) continue;
      this.view.put('cc-user', user.id, user);
      if (user.email) this.view.lookup.record('cc-user', user.email.toLowerCase(), user.id);
    }
  }

  private setRef(address: string, ref: RemoteRef): void {
    const outcome = this.outcomes.get(address)!;
    const same = (r: RemoteRef) =>
      r.entity === ref.entity &&
      (r.id === ref.id || keyOf(r.entity, r.key) === keyOf(ref.entity, ref.key));
    outcome.refs = [...outcome.refs.filter((r) => !same(r)), ref];
    this.emit({ type: 'refs', address, refs: outcome.refs });
  }

  private count(address: string): void {
    this.outcomes.get(address)!.calls++;
  }

  private fail(address: string, message: string): void {
    const outcome = this.outcomes.get(address);
    if (!outcome) return;
    outcome.status = 'failed';
    outcome.failures.push(message);
    this.emit({ type: 'failed', address, message });
  }
}

/**
 * A person's SCIM Bulk operation: POST for a new one, PATCH when a live one's name or roles
 * change, 'none' when only its licences do; undefined when SCIM cannot carry it.
 */
function scimOperationOf({ body, live }: Built): ScimOperation | 'none' | undefined {
  const person = body as PersonBody;
  if (live === undefined) {
    const user = scimUserOf(person);
    return user && { method: 'POST', user };
  }
  const current = live as Person;
  if (person.displayName === current.displayName && sameSet(person.roles, current.roles))
    return 'none';
  const scimId = current.id === undefined ? undefined : scimIdOf(current.id);
  const patch = scimPatchOf(person);
  return scimId && patch ? { method: 'PATCH', scimId, patch } : undefined;
}

/** A write's body, built from the resource and what is live. */
interface Built {
  item: BatchItem;
  body: object;
  live: unknown;
}

/** Consecutive batches of one entity and action: they do not depend on one another. */
function steps(batches: readonly Batch[]): Batch[][] {
  const out: Batch[][] = [];
  for (const batch of batches) {
    const last = out.at(-1);
    if (last && last[0]!.entity === batch.entity && last[0]!.action === batch.action)
      last.push(batch);
    else out.push([batch]);
  }
  return out;
}

function keyOf(entity: WebexEntity, key: string): string {
  return entity === 'dial-number' ? numberKey(key) : key;
}

function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = new Set(a ?? []);
  const y = new Set(b ?? []);
  return x.size === y.size && [...x].every((v) => y.has(v));
}
