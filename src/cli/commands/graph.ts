import { Option, type Command } from 'commander';
import { error, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { buildRoutingGraph } from '../../graph/build-routing-graph.js';
import { collapseAgents } from '../../graph/collapse-agents.js';
import { renderDot } from '../../graph/render-dot.js';
import { renderMermaid } from '../../graph/render-mermaid.js';
import { isLoadProblem, loadOperand, type LoadedOperand } from '../../sources/load-operand.js';
import { needsStore, parseOperand, type Operand } from '../../sources/operand.js';
import type { SqlStateStore } from '../../store/sql-state-store.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadWholeConfig } from '../../workspace/open-workspace.js';
import { addStoreOption } from '../options.js';
import type { Output } from '../output.js';
import { refuseUnknownTenants } from '../unknown-tenants.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { withExistingStore } from '../with-store.js';

interface GraphOptions {
  db: string;
  tenant: string[];
  format: 'mermaid' | 'dot';
}

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
      'YAML files or directories; or one of: live (the stored state), rev:N (the store at global revision N), git:REF[:PATH]',
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
    const parsed = parseGraphSources(sources);
    if ('problem' in parsed) return done(fail(output, [error('USAGE', parsed.problem)]));
    const draw = async (store: SqlStateStore | undefined): Promise<ExitCode> => {
      const loaded = await loadGraphSource(parsed, store);
      if (hasErrors(loaded.diagnostics)) return fail(output, loaded.diagnostics);
      const named = () => loaded.model.tenantNames();
      const drawn = `in ${sources.join(' ')}`;
      const refused = await refuseUnknownTenants(output, options.tenant, named, drawn);
      if (refused !== undefined) return refused;
      const graphs = buildRoutingGraph(loaded.model, options.tenant).map((g) => collapseAgents(g));
      output.out(options.format === 'dot' ? renderDot(graphs) : renderMermaid(graphs));
      return EXIT.ok;
    };
    const single = 'operand' in parsed ? parsed.operand : undefined;
    if (single && needsStore(single)) done(await withExistingStore(options.db, output, draw));
    else done(await draw(undefined));
  });
}

type GraphSources = { operand: Operand } | { paths: string[] } | { problem: string };

/** One operand as `ccac diff` reads it (path, rev:N, live, git:REF[:PATH]), or several paths. */
function parseGraphSources(sources: readonly string[]): GraphSources {
  if (sources.length === 1) return parseOperand(sources[0]!);
  for (const source of sources) {
    const parsed = parseOperand(source);
    if ('problem' in parsed) return parsed;
    if (parsed.operand.type !== 'path')
      return { problem: `${source} cannot be combined with other sources: give it alone` };
  }
  return { paths: [...sources] };
}

async function loadGraphSource(
  sources: { operand: Operand } | { paths: string[] },
  store: SqlStateStore | undefined,
): Promise<LoadedOperand> {
  if ('operand' in sources) return loadOperand(sources.operand, { cwd: process.cwd(), store });
  const checked = await loadWholeConfig(sources.paths);
  return {
    model: checked.desired,
    diagnostics: checked.diagnostics.filter(isLoadProblem),
  };
}

function fail(output: Output, diagnostics: readonly Diagnostic[]): ExitCode {
  output.err(renderDiagnosticsText(diagnostics, output.color));
  return EXIT.error;
}
