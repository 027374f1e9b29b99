import { StoreError } from './state-store.js';

/** SQLSTATE of the error a driver threw, if any (pg and PGlite both put it in `code`). */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Any failure at the database edge as a StoreError, so the CLI reports it instead of crashing. */
export function toStoreError(error: unknown, doing: string): StoreError {
  if (error instanceof StoreError) return error;
  const state = sqlState(error);
  const wrapped = new StoreError(
    'STORE',
    `database error while ${doing}: ${messageOf(error)}${state ? ` (SQLSTATE ${state})` : ''}`,
  );
  wrapped.cause = error;
  return wrapped;
}

/** Runs `step`, turning its failures into StoreErrors. */
export async function guarded<T>(doing: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw toStoreError(error, doing);
  }
}
