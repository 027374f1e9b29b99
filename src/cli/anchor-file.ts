import { appendFile, readFile } from 'node:fs/promises';
import { anchorText, parseAnchor, parseAnchorFile, type Anchor } from '../audit/anchors.js';
import { error, warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { RevisionRecord } from '../model/revision.js';

/**
 * The anchor file: `apply` appends a line per revision it records, `history verify` checks every
 * line. Meant for storage the database's users cannot rewrite (an append-only file, a CI
 * artifact, a bucket with object lock).
 */
export const ANCHOR_FILE_ENV = 'CCAC_ANCHOR_FILE';

/** `--expect` values and the `--anchors` file (or CCAC_ANCHOR_FILE), read and parsed. */
export async function readAnchors(options: {
  expect: readonly string[];
  anchors?: string | undefined;
}): Promise<{ anchors: Anchor[]; errors: Diagnostic[] }> {
  const anchors: Anchor[] = [];
  const errors: Diagnostic[] = [];
  for (const text of options.expect) {
    const anchor = parseAnchor(text, '--expect');
    if (anchor) anchors.push(anchor);
    else
      errors.push(
        error('USAGE', `--expect takes scope@N:sha256:HASH (as apply prints), not "${text}"`),
      );
  }
  if (options.anchors !== undefined) {
    let text: string;
    try {
      text = await readFile(options.anchors, 'utf8');
    } catch (cause) {
      const why = (cause as NodeJS.ErrnoException).code ?? String(cause);
      errors.push(error('USAGE', `cannot read the anchor file ${options.anchors} (${why})`));
      return { anchors, errors };
    }
    const parsed = parseAnchorFile(text, options.anchors);
    anchors.push(...parsed.anchors);
    errors.push(...parsed.errors);
  }
  return { anchors, errors };
}

/**
 * Appends a line per revision (`scope@N sha256:HASH time`) to the anchor file, after the apply
 * committed; a failure is told, not fatal: the revisions are recorded, and printed.
 */
export async function appendAnchors(
  file: string,
  revisions: readonly RevisionRecord[],
): Promise<Diagnostic | undefined> {
  if (revisions.length === 0) return undefined;
  const lines = revisions.map((r) => `${anchorText(r)} ${r.createdAt}\n`).join('');
  try {
    await appendFile(file, lines, { flag: 'a' });
    return undefined;
  } catch (cause) {
    const why = (cause as NodeJS.ErrnoException).code ?? String(cause);
    return warning(
      'STORE',
      `the revisions are recorded, but their anchors could not be appended to ${file} (${why}): keep the lines printed above`,
    );
  }
}
