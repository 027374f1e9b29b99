// The narrowing parameters of the Contact Center v2 lists, as far as the simulator understands
// them: `filter` in RSQL with `==`, `!=`, `=in=`, `=out=` clauses joined by `;` (and), a plain
// `search` word (name or description contains it), `attributes` (the fields to return). What it
// does not understand it refuses, so that a test relying on it fails rather than passes wrongly.
import { field } from '../state/entities.js';
import { done, refused, type Outcome } from '../state/outcome.js';

export interface ListQuery {
  filter?: string;
  search?: string;
  attributes?: string;
}

type Test = (object: object) => boolean;

const unquoted = (value: string): string => value.trim().replace(/^"(.*)"$/, '$1');

function clause(text: string): Test | undefined {
  const match = /^(\w+)(==|!=|=in=|=out=)(.+)$/.exec(text.trim());
  if (!match) return undefined;
  const [, name = '', operator, raw = ''] = match;
  const listed = /^\((.*)\)$/.exec(raw)?.[1];
  const values = listed === undefined ? [unquoted(raw)] : listed.split(',').map(unquoted);
  const has = (object: object): boolean => values.includes(String(field(object, name)));
  return operator === '==' || operator === '=in=' ? has : (object) => !has(object);
}

function filterTest(filter: string): Outcome<Test> {
  const tests = filter.split(';').map(clause);
  if (tests.some((test) => !test))
    return refused(400, `filter: the simulator does not understand ${JSON.stringify(filter)}.`);
  return done((object) => tests.every((test) => test?.(object)));
}

function searchTest(search: string): Outcome<Test> {
  if (/[=;]/.test(search))
    return refused(400, `search: the simulator understands a plain word only, not ${search}.`);
  const word = unquoted(search).toLowerCase();
  const contains = (value: unknown): boolean =>
    typeof value === 'string' && value.toLowerCase().includes(word);
  return done(
    (object) => contains(field(object, 'name')) || contains(field(object, 'description')),
  );
}

function picked(object: object, attributes: string): object {
  const names = new Set(['id', ...attributes.split(',').map((name) => name.trim())]);
  return Object.fromEntries(Object.entries(object).filter(([name]) => names.has(name)));
}

export function narrowed<T extends object>(items: readonly T[], query: ListQuery): Outcome<T[]> {
  const tests = [
    ...(query.filter ? [filterTest(query.filter)] : []),
    ...(query.search ? [searchTest(query.search)] : []),
  ];
  const failed = tests.find((test) => !test.ok);
  if (failed && !failed.ok) return refused(failed.status, failed.description);
  const kept = items.filter((item) => tests.every((test) => test.ok && test.value(item)));
  const attributes = query.attributes;
  return done(attributes ? kept.map((item) => picked(item, attributes) as T) : kept);
}
