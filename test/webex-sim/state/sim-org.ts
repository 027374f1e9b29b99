// One org's live state: its Contact Center objects by type (id → object as the API returns it),
// its flows, and its Control Hub people, licenses and roles. Tests read and change it directly:
// seed objects, change a field behind ccac's back, add what ccac does not manage.
import { hubId } from '../ids.js';
import type {
  BasicFlow,
  CcEntities,
  CcType,
  FlowVersion,
  License,
  Person,
  Role,
} from './entities.js';
import { editEntity, insertEntity } from './entity-store.js';
import type { Reference } from './entity-kinds.js';
import { createPerson, type NewPerson } from './people.js';
import { provisionTenant } from './tenant-seed.js';

export class SimOrg {
  /** The Control Hub id of this org: base64 of `ciscospark://us/ORGANIZATION/<orgId>`. */
  readonly hubOrgId: string;
  readonly sites = new Map<string, CcEntities['sites']>();
  readonly multimediaProfiles = new Map<string, CcEntities['multimediaProfiles']>();
  readonly teams = new Map<string, CcEntities['teams']>();
  readonly businessHours = new Map<string, CcEntities['businessHours']>();
  readonly holidayLists = new Map<string, CcEntities['holidayLists']>();
  readonly overrides = new Map<string, CcEntities['overrides']>();
  readonly agentProfiles = new Map<string, CcEntities['agentProfiles']>();
  readonly queues = new Map<string, CcEntities['queues']>();
  readonly entryPoints = new Map<string, CcEntities['entryPoints']>();
  readonly dialNumbers = new Map<string, CcEntities['dialNumbers']>();
  readonly audioFiles = new Map<string, CcEntities['audioFiles']>();
  readonly userProfiles = new Map<string, CcEntities['userProfiles']>();
  /** Contact-center users: they appear when a person gets a contact-center license. */
  readonly users = new Map<string, CcEntities['users']>();
  /** Flows as the flow list returns them. */
  readonly flows = new Map<string, BasicFlow>();
  /** Per flow id, every version imported (oldest first), as the export returns them. */
  readonly flowVersions = new Map<string, FlowVersion[]>();
  /** Per flow id, the id of the version last published. */
  readonly publishedFlowVersions = new Map<string, string>();
  readonly people = new Map<string, Person>();
  readonly licenses = new Map<string, License>();
  readonly roles = new Map<string, Role>();
  /**
   * E-mail domains another organization has claimed: Webex refuses to make a person there here
   * (a test's one bad user among many).
   */
  readonly claimedElsewhere = new Set<string>();

  constructor(readonly orgId: string) {
    this.hubOrgId = hubId('ORGANIZATION', orgId);
    provisionTenant(this);
  }

  entities<K extends CcType>(type: K): Map<string, CcEntities[K]> {
    return this[type] as Map<string, CcEntities[K]>;
  }

  has(type: Reference['type'], id: string): boolean {
    return type === 'flows' ? this.flows.has(id) : this.entities(type).has(id);
  }

  /** The first object of that type with that name. */
  byName<K extends CcType>(type: K, name: string): CcEntities[K] | undefined {
    return [...this.entities(type).values()].find(
      (object) => 'name' in object && object.name === name,
    );
  }

  /** Adds an object as if made in Control Hub (id, version 0, timestamps set; nothing checked). */
  add<K extends CcType>(type: K, fields: Partial<CcEntities[K]>): CcEntities[K] {
    return insertEntity(this, type, fields) as CcEntities[K];
  }

  /** Changes an object behind ccac's back, as an admin in Control Hub: the version moves on. */
  edit<K extends CcType>(type: K, id: string, changes: Partial<CcEntities[K]>): CcEntities[K] {
    return editEntity(this, type, id, changes) as CcEntities[K];
  }

  /** Adds a person (licenses and roles by name); a contact-center license makes a CC user. */
  addPerson(person: NewPerson): Person {
    const outcome = createPerson(this, {
      emails: [person.email],
      displayName: person.displayName,
      firstName: person.firstName,
      lastName: person.lastName,
      licenses: (person.licenses ?? []).map((name) => this.licenseId(name)),
      roles: (person.roles ?? []).map((name) => this.roleId(name)),
    });
    if (!outcome.ok) throw new Error(outcome.description);
    return outcome.value;
  }

  /** The contact-center user of a person, if any. */
  userOf(personId: string): CcEntities['users'] | undefined {
    const person = this.people.get(personId);
    const email = person?.emails?.[0];
    return [...this.users.values()].find((user) => user.email === email);
  }

  licenseId(name: string): string {
    return this.idByName(this.licenses, name, 'license');
  }

  roleId(name: string): string {
    return this.idByName(this.roles, name, 'role');
  }

  private idByName(items: Map<string, { name?: string }>, name: string, what: string): string {
    const found = [...items].find(([, item]) => item.name === name);
    if (!found) throw new Error(`no ${what} named ${name}`);
    return found[0];
  }
}
