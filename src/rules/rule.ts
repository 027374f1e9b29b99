import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics/diagnostic.js';
import type { ValuePath } from '../model/value-path.js';
import type { Model, ModelResource } from '../model/model.js';
import type { DeclaredResource } from '../model/resource.js';
import type { ResourceChange } from '../model/plan.js';
import type { OrganizationReference } from '../model/stored-state.js';

/** What every rule may read: the desired configuration, canonical and as declared. */
export interface ConfigContext {
  desired: Model;
  declared: readonly DeclaredResource[];
}

/** Stateful rules also see the stored state of the scopes in the plan, and the planned changes. */
export interface StateContext extends ConfigContext {
  stored: Model;
  /** Scopes the plan covers; resources of other tenants are neither compared nor deleted. */
  scopes: ReadonlySet<string>;
  changes: readonly ResourceChange[];
  /** Stored resources anywhere (in scope or not) that reference organizations the plan deletes. */
  organizationReferences: readonly OrganizationReference[];
}

interface RuleBase {
  code: DiagnosticCode;
  severity: Severity;
  /** One line a reader can check against the domain notes, e.g. "seed 000, table 1". */
  source: string;
  /** One sentence for the README's rule table. */
  summary: string;
}

export interface ConfigRule extends RuleBase {
  stage: 'config';
  /**
   * What a rule reads: by default one tenant's resources and the organizations, so a tenant's
   * findings can be checked again without the others (workspace/recheck-scopes.ts); 'configuration'
   * when it compares across tenants.
   */
  reach?: 'configuration';
  check(context: ConfigContext, report: Reporter): void;
}

export interface StateRule extends RuleBase {
  stage: 'state';
  check(context: StateContext, report: Reporter): void;
}

export type Rule = ConfigRule | StateRule;

/** Reports one finding of the running rule on a resource, pointing at `path` inside it. */
export type Reporter = (
  resource: ModelResource | DeclaredResource,
  path: ValuePath,
  message: string,
) => void;

/** Runs rules and collects their findings as diagnostics with places. */
export function runRules<C extends ConfigContext>(
  rules: readonly {
    check(context: C, report: Reporter): void;
    code: DiagnosticCode;
    severity: Severity;
  }[],
  context: C,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    rule.check(context, (resource, path, message) => {
      const place = resource.origin?.locate(path);
      out.push({
        severity: rule.severity,
        code: rule.code,
        message,
        address: resource.address,
        ...place,
      });
    });
  }
  return out;
}
