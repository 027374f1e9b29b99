/** Milliseconds per unit of a Go duration (time.ParseDuration), which Terraform's flags take. */
const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
const PLAIN_SECONDS = /^(\d+(?:\.\d*)?|\.\d+)$/;

/** PostgreSQL's lock_timeout is a 32-bit count of milliseconds (about 24 days). */
export const LONGEST_WAIT_MS = 2_147_483_647;

/**
 * A wait as Terraform's `-lock-timeout` takes it (`10s`, `2m`, `1m30s`, `500ms`, `1.5h`), or a
 * plain number of seconds (`30`, as ccac took it first), in milliseconds; undefined when it is
 * neither, negative, or longer than the database can wait.
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (PLAIN_SECONDS.test(value)) return withinLimit(Number(value) * 1_000);
  if (value === '') return undefined;
  let ms = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < value.length) {
    const at = PART.lastIndex;
    const part = PART.exec(value);
    if (!part || part.index !== at) return undefined;
    ms += Number(part[1]) * UNIT_MS[part[2]!]!;
  }
  return withinLimit(ms);
}

function withinLimit(ms: number): number | undefined {
  return Number.isFinite(ms) && ms <= LONGEST_WAIT_MS ? ms : undefined;
}
