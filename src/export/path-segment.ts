import { createHash } from 'node:crypto';

/**
 * Every name that becomes part of an export's paths passes here: a tenant's folder, a flow's
 * definition file. The names come from the store, which a tampered row or a forged plan can fill
 * with `../../x`, `/etc`, NUL or control characters: none of that reaches a path.
 */

/** A tenant name as the schema allows it (common.schema.json, scopeName). */
const SCOPE_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Windows' device names: a folder called `con` cannot be made or checked out there. */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * The folder of a tenant's files: its name, `_`-prefixed when reserved (no tenant name starts
 * with `_`, so two tenants never share a folder); undefined for a name no configuration can
 * declare, which only an edited store holds.
 */
export function tenantFolder(name: string): string | undefined {
  if (!SCOPE_NAME.test(name)) return undefined;
  return RESERVED.test(name) ? `_${name}` : name;
}

/**
 * Flow names may hold anything printable; a file name gets a plain slug (for people) and a
 * hash of the exact name (so `Sales` and `sales`, or two names with the same slug, stay apart
 * even on case-insensitive file systems).
 */
export function fileSafe(name: string): string {
  const slug =
    name
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .toLowerCase() || 'flow';
  return `${slug}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

/**
 * Whether a relative export path (`/`-separated) stays inside the folder it is written to: no
 * empty, `.` or `..` segment, no leading `/`, no `\` (a separator on Windows), no control
 * character. The writer checks every path with it, whatever made the path.
 */
export function isPlainRelativePath(file: string): boolean {
  return (
    file !== '' &&
    !/[\\\p{Cc}]/u.test(file) &&
    file.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
  );
}
