import { lazyModule } from '../support/lazy-module.js';

const yaml = lazyModule<typeof import('yaml')>('yaml');

/**
 * Plain scalars that a YAML 1.1 reader (PyYAML, older yq, many CI tools) would not read as the
 * string we mean: booleans like `yes`/`off`, sexagesimal `12:30`, octal `0755`, timestamps,
 * `.inf`, `~`, the merge key. Our own loader reads YAML 1.2 core, where the `yaml` library
 * already quotes what 1.2 would mistype; quoting these too keeps exports safe for other tools.
 */
const YAML_11_NON_STRINGS: readonly RegExp[] = [
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:~|null|Null|NULL|=|<<)$/,
  /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*|[0-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  /^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/,
];

export function readsAsNonStringInYaml11(text: string): boolean {
  return YAML_11_NON_STRINGS.some((pattern) => pattern.test(text));
}

/**
 * One YAML document as text, deterministic: keys in the order given, no line folding (a long
 * description stays one line, so diffs stay small), no anchors, ambiguous strings double-quoted.
 */
export function yamlText(value: unknown): string {
  const { Document, visit } = yaml();
  const document = new Document(value, { aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && readsAsNonStringInYaml11(node.value))
        node.type = 'QUOTE_DOUBLE';
    },
  });
  return document.toString({ lineWidth: 0, minContentWidth: 0 });
}
