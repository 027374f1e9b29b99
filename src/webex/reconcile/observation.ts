import type { Kind } from '../../model/kinds.js';
import type { WebexEntity } from '../entities.js';
import type { FieldChange, NotCarried } from '../mapping/mapping.js';
import type { RemoteRef } from '../remote-refs.js';

/** One write a resource needs, on one of its Webex objects. */
export interface PartPlan {
  entity: WebexEntity;
  key: string;
  action: 'create' | 'update' | 'delete';
  /** The live object updated or deleted. */
  id?: string;
  /** What differs on this object (ccac fields; a link or a name where no field shows it). */
  changes: FieldChange[];
  /** A contact-center user Webex makes when the person's licence arrives: set up after that. */
  afterLicence?: boolean;
  /** An active entry point is deactivated before it can be deleted. */
  deactivateFirst?: boolean;
}

export type ResourceStatus =
  /** Live matches the stored state. */
  | 'in-sync'
  | 'create'
  | 'update'
  /** Gone from the stored state: its objects are deleted (a user: retired, never deleted). */
  | 'delete'
  /** A kind, or a delete, Webex has no operation for (Campaign, Tenant, a Flow's delete). */
  | 'not-pushed'
  /** Webex cannot take it as it is (a name it refuses, nothing to create a flow from…). */
  | 'refused';

/**
 * What `observe` found for one resource: the same for push --dry-run, drift --live and push
 * itself. `changes` are field by field, live against stored, in ccac's terms.
 */
export interface ResourceObservation {
  address: string;
  kind: Kind;
  name: string;
  status: ResourceStatus;
  changes: FieldChange[];
  parts: PartPlan[];
  /** Fields of the resource Webex does not get, and why. */
  notCarried: NotCarried[];
  /** Webex fields a create fills with placeholders (ccac has no value for them). */
  assumed: NotCarried[];
  /** Why it is refused or not pushed. */
  reason?: string;
  /** The live objects it is matched to: recorded ones, and same-named ones it adopts. */
  refs: RemoteRef[];
  /** Matched by name, not by a recorded id: the push records it without creating anything. */
  adopted: boolean;
}

export interface Observation {
  tenant: string;
  /** Sorted by address. */
  resources: ResourceObservation[];
  /** The site teams go on (named after the tenant): created first when it is missing. */
  site: { id?: string; create: boolean };
}
