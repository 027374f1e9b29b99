import type { TenantKind } from '../../model/kinds.js';
import type { CanonicalSpec, ModelResource } from '../../model/model.js';
import type { WebexEntity } from '../entities.js';
import type { Ids, Names } from '../lookup.js';
import type { RemoteRef } from '../remote-refs.js';
import { MAX_DESCRIPTION } from './webex-names.js';

/** A ccac field that does not reach Webex (or a Webex field ccac cannot hold), and why. */
export interface NotCarried {
  field: string;
  why: string;
}

/** How a ccac field reaches a Webex entity: one row of the README mapping table. */
export interface Carried {
  field: string;
  /** The Webex field(s), in the API's names. */
  to: string;
  note?: string;
}

/** What a resource becomes in Webex: the request body, and what of the resource it leaves out. */
export interface Remote<Body> {
  body: Body;
  notCarried: NotCarried[];
  /** Webex fields a create must fill that ccac has no value for: what was put there, and why. */
  assumed?: NotCarried[];
}

/** The resource cannot be carried at all: a name Webex refuses, nothing to create it from. */
export interface Refused {
  refused: string;
}

/** What a live object says in ccac's terms (drift, import), and what ccac cannot hold of it. */
export interface Read<Spec> {
  spec: Spec;
  notRepresented: NotCarried[];
}

/** A ccac field whose live value differs from the stored one (values in ccac's terms). */
export interface FieldChange {
  field: string;
  live: unknown;
  desired: unknown;
}

/**
 * One Webex entity a ccac kind is carried by: a pure module (STYLE.md practice 11). `toRemote`
 * builds the request body — for an update, the live object with only ccac's fields changed (its
 * `version` and every field ccac does not manage kept); `fromRemote` reads an object back in
 * ccac's terms. Ids and names come from the lookup, never from inside the mapping.
 *
 * A resource needs the objects its `keys` name: usually one, named like the resource; none (a
 * holiday list when there are no holidays); or several (a dial number per support number).
 */
export interface EntityMapping<K extends TenantKind = TenantKind, Live = unknown, Body = unknown> {
  entity: WebexEntity;
  kind: K;
  /** The ccac fields this entity carries: the README table's rows. */
  carries: readonly Carried[];
  /** The keys (names, numbers, e-mail addresses) of the objects the resource needs. */
  keys(resource: ModelResource<K>): readonly string[];
  /**
   * Keys of objects the resource links to without writing them (a holiday list shared with other
   * business hours, or left as Webex has it): never deleted while it does.
   */
  linkedKeys?(resource: ModelResource<K>): readonly string[];
  /** The key a live object is matched by (ids first: see the reconciler). */
  keyOf(live: Live): string | undefined;
  toRemote(resource: ModelResource<K>, key: string, ids: Ids, live?: Live): Remote<Body> | Refused;
  /** Accepts what toRemote built as well: desired and live are compared read back alike. */
  fromRemote(object: Live | Body, names: Names): Read<Partial<CanonicalSpec<K>>>;
  /**
   * Ids of other objects the body links to that no ccac field shows (a business hours' holiday
   * list): compared as ids, so a link moved in Control Hub is found and put back.
   */
  links?: readonly { field: keyof Body & keyof Live & string; entity: WebexEntity }[];
  /** False for an entity Webex makes by itself (a contact-center user, made by the licence). */
  creatable?: false;
  /**
   * Whether a live object matches the desired body, where reading both back cannot tell (a flow:
   * by the version ccac last published and the digest of what it imported then).
   */
  compare?(desired: Body, live: Live | undefined, recorded: RemoteRef | undefined): FieldChange[];
}

export function isRefused<T>(value: T | Refused): value is Refused {
  return typeof value === 'object' && value !== null && 'refused' in value;
}

/** A field ccac declares that this resource does not send, with its reason. */
export function notCarried(field: string, why: string): NotCarried {
  return { field, why };
}

/** A description as Webex can hold it (≤ 255 characters), else the live one kept and a note. */
export function webexDescription(
  description: string | undefined,
  live: string | undefined,
  notCarriedList: NotCarried[],
): string | undefined {
  if (description === undefined || description.length <= MAX_DESCRIPTION)
    return description ?? live;
  notCarriedList.push(
    notCarried('description', `longer than Webex's ${MAX_DESCRIPTION} characters`),
  );
  return live;
}

/** An object without the keys whose value is undefined (so read-backs compare equal). */
export function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/** A copy without the fields a GET returns but a PUT does not take. */
export function without<T extends object, F extends string>(
  object: T,
  fields: readonly F[],
): Omit<T, F> {
  const copy = { ...object } as Record<string, unknown>;
  for (const field of fields) delete copy[field];
  return copy as Omit<T, F>;
}
