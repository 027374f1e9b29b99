import type { Place } from '../diagnostics/diagnostic.js';

/** Where a value sits inside a document: keys and list indexes from its root. */
export type ValuePath = readonly (string | number)[];

/** Finds the place of a value (or of its key) inside one YAML document. */
export type Locate = (path: ValuePath, target?: 'value' | 'key') => Place;
