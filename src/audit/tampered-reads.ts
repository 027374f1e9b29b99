import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { hashed } from '../model/canonicalize.js';
import type { Model, ModelResource, ResourceValue } from '../model/model.js';
import type { StateReader } from '../store/state-store.js';
import { storedValue } from '../store/stored-value.js';

/**
 * A STORE_TAMPERED error for each row authorization read (authz/authorization-reads.ts) that is
 * not what the recorded history last wrote there: the actor is not authorized from it. Compared
 * as read — the value the decision used, hashed again, never a flag or hash the row carries — so
 * a row edited between the read and this check is caught too. Of a Tenant only its presence
 * decides anything (bootstrap); its fields are the apply's drift check's business.
 */
export async function tamperedReads(
  reader: Pick<StateReader, 'recordedValues'>,
  stored: Model,
  addresses: readonly string[],
): Promise<Diagnostic[]> {
  if (addresses.length === 0) return [];
  const recorded = await reader.recordedValues(addresses);
  return addresses
    .filter((address) => !asRecorded(stored.byAddress.get(address), recorded.get(address)))
    .map((address) =>
      error(
        'STORE_TAMPERED',
        'authorization reads this row, and it is not what the recorded history wrote (it was ' +
          'changed outside ccac): nobody is authorized from it until it is restored, or adopted ' +
          'by another admin with apply --accept-drift',
        { address },
      ),
    );
}

function asRecorded(
  read: ModelResource | undefined,
  recorded: ResourceValue | null | undefined,
): boolean {
  if (!read || recorded === undefined || recorded === null)
    return !read && (recorded === undefined || recorded === null);
  if (read.kind === 'Tenant') return true;
  return hashed(storedValue(read)).hash === hashed(recorded).hash;
}
