import { scopeOf } from '../model/address.js';
import { canonicalJson, sha256 } from '../model/canonical-json.js';
import type { Model } from '../model/model.js';

/** Digest of the desired configuration of the planned scopes: addresses and content hashes. */
export function configDigest(desired: Model, scopes: ReadonlySet<string>): string {
  const lines = [...desired.byAddress.values()]
    .filter((r) => scopes.has(scopeOf(r.kind, r.name, r.tenant)))
    .map((r) => `${r.address} ${r.hash}`)
    .sort();
  return sha256(lines.join('\n'));
}

/** Digest of a plan's content (everything but the digest itself). */
export function contentDigest(content: object): string {
  return `sha256:${sha256(canonicalJson(content))}`;
}
