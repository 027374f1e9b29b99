import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { renderDot } from '../../graph/render-dot.js';
import { renderMermaid } from '../../graph/render-mermaid.js';
import { graph, graphNeedsStore, parseGraphSources } from '../../operations/graph.js';
import type { SqlStateStore } from '../../store/sql-state-store.js';
import { EXIT, type ExitCode, type Output } from '../output.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { withExistingStore } from '../with-store.js';

export interface GraphOptions {
  db: string;
  tenant: string[];
  format: 'mermaid' | 'dot';
}

/** `ccac graph SOURCE…`: sources parsed → graph (the store opened only for rev:N or live) → drawn. */
export async function runGraph(
  output: Output,
  sources: string[],
  options: GraphOptions,
): Promise<ExitCode> {
  const parsed = parseGraphSources(sources);
  if ('problem' in parsed) return fail(output, [error('USAGE', parsed.problem)]);
  const draw = async (store: SqlStateStore | undefined): Promise<ExitCode> => {
    const request = { tenants: options.tenant, described: sources.join(' '), cwd: process.cwd() };
    const drawn = await graph(parsed, request, store);
    if ('failed' in drawn) return fail(output, drawn.failed);
    output.out(options.format === 'dot' ? renderDot(drawn.graphs) : renderMermaid(drawn.graphs));
    return EXIT.ok;
  };
  return graphNeedsStore(parsed) ? withExistingStore(options.db, output, draw) : draw(undefined);
}

function fail(output: Output, diagnostics: readonly Diagnostic[]): ExitCode {
  output.err(renderDiagnosticsText(diagnostics, output.color));
  return EXIT.error;
}
