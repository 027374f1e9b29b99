import type { Document, LineCounter } from 'yaml';
import { lazyModule } from '../support/lazy-module.js';

const yaml = lazyModule<typeof import('yaml')>('yaml');

/**
 * Collections nested deeper than this are refused while the file is read, before `yaml` builds
 * them: 1 MB of `[` took a gigabyte to parse and 15 MB crashed V8. Configurations nest a few levels.
 */
const MAX_NESTING = 500;

/**
 * Values (keys, scalars, sequence entries) and documents one file may hold when `yaml` reads it:
 * `yaml` keeps about a kilobyte per value and more per document, and 15 MB of `1,` behind one
 * anchor (7.5 million values) exhausted the heap. Everyday files, however large, are read by the
 * fast parser (fast-yaml.ts) and are not counted; 16 MB of typical ccac YAML holds about 1.5
 * million values.
 */
const MAX_EXACT_VALUES = 2_000_000;
const MAX_EXACT_DOCUMENTS = 100_000;

const UNCOMMON = 'in a file with anchors, aliases, tags or other uncommon YAML: split it';

// Made when a file is refused: the first toLocaleString loads ICU's number formats (≈ 15 ms),
// which a run that refuses nothing should not wait for when this module loads.
const REFUSED = {
  'too-deep': () => `document is nested too deeply to read (more than ${MAX_NESTING} levels)`,
  'too-many-values': () =>
    `file holds too many values to read (more than ${MAX_EXACT_VALUES.toLocaleString('en')}) ${UNCOMMON}`,
  'too-many-documents': () =>
    `file holds too many documents to read (more than ${MAX_EXACT_DOCUMENTS.toLocaleString('en')}) ${UNCOMMON}`,
};

const PARSE_OPTIONS = {
  // Always the YAML 1.2 core schema, even under a `%YAML 1.1` directive: `no`, `y`, `0123`
  // and `12:30` keep their 1.2 meaning, and no timestamps, sets or binaries appear.
  schema: 'core',
  intAsBigInt: true,
  uniqueKeys: true,
  strict: true,
} as const;

/** Why and where a file was given up. */
export interface Refused {
  message: string;
  offset: number;
}

/**
 * What starts a value among the lexer's tokens: a scalar (plain or block, after the lexer's \x1f
 * mark; quoted), a sequence entry or flow separator, or an explicit key.
 */
function startsValue(lexeme: string): boolean {
  const first = lexeme.charCodeAt(0);
  if (first === 0x1f || first === 0x22 /* " */ || first === 0x27 /* ' */) return true;
  return lexeme === '-' || lexeme === ',' || lexeme === '?';
}

/**
 * `yaml.parseAllDocuments`, token by token: the file is given up (`refused`, with where) as soon
 * as the parser's stack is deeper than MAX_NESTING, or past MAX_EXACT_VALUES or _DOCUMENTS.
 */
export function parseBounded(
  text: string,
  lineCounter: LineCounter,
): { docs: Document.Parsed[]; refused?: Refused } {
  const { Composer, Lexer, Parser } = yaml();
  const parser = new Parser(lineCounter.addNewLine);
  let refused: Refused | undefined;
  let values = 0;
  let documents = 0;
  const refuse = (problem: keyof typeof REFUSED) =>
    (refused = { message: REFUSED[problem](), offset: parser.offset });
  function* tokens() {
    lineCounter.addNewLine(0);
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      if (parser.stack.length > MAX_NESTING) refuse('too-deep');
      else if (startsValue(lexeme) && ++values > MAX_EXACT_VALUES) refuse('too-many-values');
      // \x02: the lexer's mark of a document begun without `---`.
      else if ((lexeme === '---' || lexeme === '\x02') && ++documents > MAX_EXACT_DOCUMENTS)
        refuse('too-many-documents');
      if (refused) return;
    }
    yield* parser.end();
  }
  // yaml's errors are Errors: a stack trace each was most of their cost in a file of a million.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const docs = [...new Composer(PARSE_OPTIONS).compose(tokens())];
    return refused ? { docs: [], refused } : { docs };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
