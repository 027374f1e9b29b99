import { Option, type Command } from 'commander';
import { readStateAt } from '../../audit/read-state-at.js';
import { error, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { buildRoutingGraph } from '../../graph/build-routing-graph.js';
import { collapseAgents } from '../../graph/collapse-agents.js';
import { renderDot } from '../../graph/render-dot.js';
import { renderMermaid } from '../../graph/render-mermaid.js';
import type { Model } from '../../model/model.js';
import type { SqlStateStore } from '../../store/sql-state-store.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadDesired } from '../load-desired.js';
import { addStoreOption } from '../options.js';
import type { Output } from '../output.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { withStore } from '../with-store.js';

interface GraphOptions {
  db: string;
  tenant: string[];
  format: 'mermaid' | 'dot';
}

/** What to draw: configuration files, the stored state, or the stored state at a revision. */
type GraphSource = { paths: string[] } | { live: true } | { revision: number };

export function registerGraph(
  program: Command,
  output: Output,
  done: (code: ExitCode) => void,
): void {
  const command = program
    .command('graph')
    .description(
      'the routing picture: numbers, entry points, flows, business hours, queues, teams and agents',
    )
    .argument(
      '<source...>',
      'YAML files or directories, `live` (the stored state) or `rev:N` (the store at revision N)',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['mermaid', 'dot'])
        .default('mermaid'),
    )
    .option(
      '--tenant <name>',
      'draw only this tenant (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    );
  addStoreOption(command);
  command.action(async (sources: string[], options: GraphOptions) => {
    const fail = (d: Diagnostic) => {
      output.err(renderDiagnosticsText([d], output.color));
      return EXIT.error;
    };
    const source = parseGraphSource(sources);
    if (typeof source === 'string') return done(fail(error('USAGE', source)));
    const print = (model: Model) => {
      const graphs = buildRoutingGraph(model, options.tenant).map((g) => collapseAgents(g));
      output.out(options.format === 'dot' ? renderDot(graphs) : renderMermaid(graphs));
      return EXIT.ok;
    };
    if ('paths' in source) {
      const checked = await loadDesired(source.paths);
      if (!hasErrors(checked.diagnostics)) return done(print(checked.desired));
      output.err(renderDiagnosticsText(checked.diagnostics, output.color));
      return done(EXIT.error);
    }
    const code = await withStore(options.db, output, {}, async (store) => {
      const model = await readSource(store, source);
      return typeof model === 'string' ? fail(error('USAGE', model)) : print(model);
    });
    done(code);
  });
}

/**
 * `live` and `rev:N` stand alone; anything else is a path. A message when the operands mix.
 * (A shared resolver for `diff` operands did not exist yet when this was written.)
 */
export function parseGraphSource(sources: readonly string[]): GraphSource | string {
  const special = sources.filter((s) => s === 'live' || s.startsWith('rev:'));
  if (special.length === 0) return { paths: [...sources] };
  if (sources.length > 1) return `${special[0]} cannot be combined with other sources`;
  if (special[0] === 'live') return { live: true };
  const digits = special[0]!.slice('rev:'.length);
  if (!/^[1-9][0-9]{0,15}$/.test(digits))
    return `"${special[0]}" is not a revision: write rev:N with N a revision id from \`ccac history\``;
  return { revision: Number(digits) };
}

async function readSource(
  store: SqlStateStore,
  source: { live: true } | { revision: number },
): Promise<Model | string> {
  if ('live' in source) return (await store.readState(await store.listScopes())).model;
  const latest = Math.max(0, ...(await store.readRevisions()).map((r) => r.id));
  if (source.revision > latest)
    return `there is no revision ${source.revision}: the latest is ${latest}`;
  return readStateAt(store, source.revision);
}
