import { scopeName, scopeNamed } from '../model/address.js';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * A revision's hash kept outside the database (printed by `apply`, appended to CCAC_ANCHOR_FILE,
 * given to `history verify --expect`): the chain must still hold that revision with that hash.
 * A chain cannot see its own tail cut or rewritten as a whole; an anchor can.
 */
export interface Anchor {
  scope: string;
  revision: number;
  /** Hex sha256, as the revision records it. */
  hash: string;
  /** Where it came from, for messages: `--expect`, `anchors.txt:3`. */
  source: string;
}

/** `scope@N sha256:HEX`, what `apply` prints and the anchor file holds (with a time after it). */
export function anchorText(revision: { scope: string; revision: number; hash: string }): string {
  return `${scopeName(revision.scope)}@${revision.revision} sha256:${revision.hash}`;
}

/** `scope@N sha256:HEX` or `scope@N:sha256:HEX` (the `sha256:` optional; anything after ignored). */
const ANCHOR = /^([^@\s]+)@([1-9]\d{0,9})(?::|\s+)(?:sha256:)?([0-9a-f]{64})(?:\s.*)?$/;

export function parseAnchor(text: string, source: string): Anchor | undefined {
  const match = ANCHOR.exec(text.trim());
  if (!match) return undefined;
  const [, scope = '', revision = '', hash = ''] = match;
  return { scope: scopeNamed(scope), revision: Number(revision), hash, source };
}

/** An anchor file's lines (blank lines and `#` comments skipped); a line that is no anchor is an error. */
export function parseAnchorFile(
  text: string,
  file: string,
): { anchors: Anchor[]; errors: Diagnostic[] } {
  const anchors: Anchor[] = [];
  const errors: Diagnostic[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const anchor = parseAnchor(line, `${file}:${i + 1}`);
    if (anchor) anchors.push(anchor);
    else
      errors.push(
        error('USAGE', 'not an anchor: expected `scope@N sha256:HASH`', {
          place: { file, line: i + 1, column: 1 },
        }),
      );
  });
  return { anchors, errors };
}
