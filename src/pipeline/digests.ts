import { scopeOf } from '../model/address.js';
import { sha256 } from '../model/canonical-json.js';
import type { Model } from '../model/model.js';
import { canonicalText } from '../store/canonical-text.js';

/** Digest of the desired configuration of the planned scopes: addresses and content hashes. */
export function configDigest(desired: Model, scopes: ReadonlySet<string>): string {
  const lines = [...desired.byAddress.values()]
    .filter((r) => scopes.has(scopeOf(r.kind, r.name, r.tenant)))
    .map((r) => `${r.address} ${r.hash}`)
    .sort();
  return sha256(lines.join('\n'));
}

/**
 * Digest of a plan's content (everything but the digest itself). canonicalText: a plan's values
 * are sorted already, and copying 100,000 of them to sort them again took most of a second.
 */
export function contentDigest(content: object): string {
  return `sha256:${sha256(canonicalText(content))}`;
}
