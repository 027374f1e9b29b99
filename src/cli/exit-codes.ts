/** SPEC §4: the one place that decides how ccac exits. */
export const EXIT = {
  ok: 0,
  error: 1,
  changes: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeFor(outcome: {
  errors: boolean;
  changes?: boolean;
  detailed?: boolean;
}): ExitCode {
  if (outcome.errors) return EXIT.error;
  if (outcome.changes && outcome.detailed) return EXIT.changes;
  return EXIT.ok;
}
