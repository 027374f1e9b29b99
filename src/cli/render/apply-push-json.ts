/**
 * `apply --push --format json`'s stdout: one document, `{"apply": …, "push": …}`. `apply` is what
 * `apply --format json` prints (the plan and the revisions recorded), `push` what
 * `push --format json` prints; either is null when that step wrote no document (an apply refused
 * before its plan; no push because the apply failed or changed nothing).
 *
 * Both parts are pretty-printed JSON already and may be large (a partner's whole plan): they are
 * indented as text rather than parsed and printed again. A JSON string holds no raw newline, so
 * every newline in them is between tokens.
 */
export function applyPushJson(applyJson: string, pushJson: string): string {
  return `{\n  "apply": ${nested(applyJson)},\n  "push": ${nested(pushJson)}\n}\n`;
}

function nested(json: string): string {
  const trimmed = json.trim();
  return trimmed === '' ? 'null' : trimmed.replaceAll('\n', '\n  ');
}
