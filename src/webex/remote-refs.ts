import type { WebexEntity } from './entities.js';

/**
 * One live object a ccac resource was carried to, as a push recorded it: what the next push
 * matches by before it looks for a name, and what it compares flows by.
 */
export interface RemoteRef {
  entity: WebexEntity;
  id: string;
  /** The key within the entity: the name, or a dial number's number, or a person's e-mail. */
  key: string;
  /** The object's `version` after ccac's last write (a flow's: the version it published). */
  version?: number;
  /** A flow's: the SHA-256 of the definition ccac imported. */
  digest?: string;
}

/**
 * What the store records per resource address: the objects it was carried to. The store keeps
 * this map; the reconciler reads it and reports the new refs as calls return.
 */
export type RecordedRemotes = ReadonlyMap<string, readonly RemoteRef[]>;
