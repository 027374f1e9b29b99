/** What a write to the simulated state gives: the object, or the API's refusal (status, why). */
export type Outcome<T> =
  { ok: true; value: T } | { ok: false; status: number; description: string };

export const done = <T>(value: T): Outcome<T> => ({ ok: true, value });

export const refused = <T = never>(status: number, description: string): Outcome<T> => ({
  ok: false,
  status,
  description,
});
