import { sortKeys } from '../model/canonical-json.js';
import { diffValues } from '../plan/diff-values.js';
import type { FieldChange } from '../model/plan.js';
import type { StoredChange } from '../model/revision.js';
import { escapeHtml } from './escape-html.js';

/** Beyond this a value is cut, with a note: a report should open in a browser. */
const VALUE_LIMIT = 20_000;

/** One recorded change: its address and a row per field, before → after, coloured by what happened. */
export function renderChange(change: StoredChange): string {
  const rows = diffValues(change.before, change.after).map(renderField);
  return (
    `<section class="change action-${change.action}" data-kind="${escapeHtml(change.kind)}">` +
    `<h4><span class="badge badge-${change.action}">${change.action}</span> ` +
    `<code>${escapeHtml(change.address)}</code></h4>` +
    (rows.length === 0
      ? '<p class="no-fields">no field changes</p>'
      : `<table class="fields"><thead><tr><th>field</th><th>before</th><th>after</th></tr></thead><tbody>${rows.join('')}</tbody></table>`) +
    '</section>'
  );
}

function renderField(field: FieldChange): string {
  const kind =
    field.before === undefined ? 'added' : field.after === undefined ? 'removed' : 'changed';
  return (
    `<tr class="field-${kind}"><td class="path"><code>${escapeHtml(field.path)}</code></td>` +
    `<td class="before">${renderValue(field.before)}</td>` +
    `<td class="after">${renderValue(field.after)}</td></tr>`
  );
}

function renderValue(value: unknown): string {
  if (value === undefined) return '<span class="none">—</span>';
  if (typeof value === 'string' && value.includes('\n')) {
    const lines = value.split('\n').length - (value.endsWith('\n') ? 1 : 0);
    return `<details><summary>text, ${lines} ${lines === 1 ? 'line' : 'lines'}</summary><pre>${cut(value)}</pre></details>`;
  }
  return `<code>${cut(JSON.stringify(sortKeys(value)))}</code>`;
}

function cut(text: string): string {
  if (text.length <= VALUE_LIMIT) return escapeHtml(text);
  const more = text.length - VALUE_LIMIT;
  return `${escapeHtml(text.slice(0, VALUE_LIMIT))}<span class="cut">… ${more} more characters</span>`;
}
