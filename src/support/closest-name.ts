import { distance } from 'fastest-levenshtein';

/**
 * The candidate `name` was most likely meant as, when one is close enough to be a typo: at most
 * one edit per four characters (at least one), compared without case, with the whole candidate or
 * (for names of six characters or more) its start, so that `serviceLevelTreshold` finds
 * `serviceLevelThresholdSeconds`. Ties go to the candidate first in sort order, so the suggestion
 * is the same on every run. An exact match is no typo.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  const limit = Math.max(1, Math.floor(name.length / 4));
  let best: { candidate: string; edits: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === name) return undefined;
    const edits = editsTo(wanted, candidate.toLowerCase());
    if (edits > limit) continue;
    if (!best || edits < best.edits || (edits === best.edits && candidate < best.candidate))
      best = { candidate, edits };
  }
  return best?.candidate;
}

function editsTo(wanted: string, candidate: string): number {
  const whole = distance(wanted, candidate);
  if (wanted.length < MIN_PREFIX || candidate.length <= wanted.length) return whole;
  return Math.min(whole, distance(wanted, candidate.slice(0, wanted.length)));
}

/** Shorter names match whole candidates only: a short start is shared by too many. */
const MIN_PREFIX = 6;

/** ` (did you mean "x"?)` for a message about `name`, or nothing when no candidate is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const closest = closestName(name, candidates);
  return closest === undefined ? '' : ` (did you mean ${JSON.stringify(closest)}?)`;
}
