import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { parseAllDocuments } from 'yaml';
import { describe, expect, test } from 'vitest';
import { envelopeSchema, kindSchemas } from '../../src/config/schemas.js';
import { loadPrecompiled, schemaAjv } from '../../src/config/validate-schema.js';
import { yamlFiles } from '../helpers/yaml-files.js';

/**
 * The build compiles the schemas into standalone code (scripts/compile-schemas.mjs), which the
 * CLI uses instead of compiling them at run time: both must accept and reject alike, with the
 * same errors.
 */
const BUILT = path.resolve('dist/config/compiled-schemas.cjs');

function documents(dir: string): Record<string, unknown>[] {
  return yamlFiles(dir).flatMap((file) =>
    parseAllDocuments(readFileSync(file, 'utf8'))
      .flatMap((doc) => (doc.errors.length > 0 ? [] : [plain(() => doc.toJS() as unknown)]))
      .filter(
        (value): value is Record<string, unknown> =>
          typeof (value as { kind?: unknown } | undefined)?.kind === 'string',
      ),
  );
}

describe('precompiled schemas', () => {
  test('the build wrote them', () => {
    expect(existsSync(BUILT), 'run `npm run build` first').toBe(true);
  });

  const built = loadPrecompiled(BUILT);
  const ajv = schemaAjv();
  const compiled: Record<string, ValidateFunction> = {
    envelope: ajv.compile(envelopeSchema),
    ...Object.fromEntries(Object.entries(kindSchemas).map(([k, s]) => [k, ajv.compile(s)])),
  };
  const verdict = (validate: ValidateFunction, value: unknown) => ({
    valid: validate(value),
    errors: validate.errors ?? null,
  });
  const sameVerdict = (value: Record<string, unknown>) => {
    // Own keys only: an edit may set kind to "valueOf", which `in` finds on Object.prototype.
    const name =
      typeof value.kind === 'string' && Object.hasOwn(built, value.kind) ? value.kind : 'envelope';
    expect(verdict(built[name]!, value)).toEqual(verdict(compiled[name]!, value));
  };

  const examples = documents('examples');

  test('every example document gets the same verdict', () => {
    expect(examples.length).toBeGreaterThan(20);
    examples.forEach(sameVerdict);
  });

  test('edited example documents get the same verdict and errors', () => {
    const leaf = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.constantFrom(null, true, [], {}, 'not-an-email', '25:00', 'XX', '+0', 'Mars/Base'),
    );
    fc.assert(
      fc.property(
        fc.nat(examples.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.option(leaf)), { minLength: 1, maxLength: 3 }),
        (which, edits) => {
          const value = structuredClone(examples[which]!);
          for (const [at, replacement] of edits) edit(value, at, replacement);
          sameVerdict(value);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** A document's value; undefined for one the examples break on purpose (an alias bomb). */
function plain(toJS: () => unknown): unknown {
  try {
    return toJS();
  } catch {
    return undefined;
  }
}

/** Replaces (or, for null, deletes) the `at`-th member of the document, counted depth first. */
function edit(root: Record<string, unknown>, at: number, replacement: unknown): void {
  const slots: [Record<string, unknown>, string][] = [];
  const walk = (value: unknown) => {
    if (value === null || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      slots.push([value as Record<string, unknown>, key]);
      walk(item);
    }
  };
  walk(root);
  const [holder, key] = slots[at % slots.length]!;
  if (replacement === null) delete holder[key];
  else holder[key] = replacement;
}
