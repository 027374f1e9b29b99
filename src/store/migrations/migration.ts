/**
 * One schema step. Statements run in order, in the same transaction as every other pending step;
 * each is a single SQL statement because PGlite's extended protocol takes one at a time.
 */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}
