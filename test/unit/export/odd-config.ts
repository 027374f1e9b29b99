/**
 * A small configuration whose names and texts are the hard cases for an export: right-to-left
 * script, emoji, shell and SQL injection, strings YAML would read as other types, multi-line
 * text, and a flow definition. Path → content, like `tempDir` takes.
 */
export const ODD_TENANT = 'odd-names';
export const ODD_ADMIN = 'admin@odd.example';

export const ODD_NAMES = [
  'مركز الاتصال',
  'צוות תמיכה',
  '🦜 Parrot Squad 🚀',
  "x'); DROP TABLE resources;--",
  '$(rm -rf ~)',
  'yes',
  '12:30',
  '2024-01-01',
  'null',
  '- dash',
  '#hash',
];

export function oddConfig(
  description = 'first line\nsecond: line\n  indented # not a comment',
): Record<string, string> {
  const teams = ODD_NAMES.map(
    (name, i) =>
      `apiVersion: ccac/v1\nkind: Team\nmetadata:\n  tenant: ${ODD_TENANT}\n  name: ${JSON.stringify(name)}\n  labels: {"on": "yes", idx: "${i}"}\nspec:\n  description: ${JSON.stringify(`${name} · ${description}`)}\n`,
  );
  const flows = ODD_NAMES.slice(0, 3).map(
    (name, i) =>
      `apiVersion: ccac/v1\nkind: Flow\nmetadata:\n  tenant: ${ODD_TENANT}\n  name: ${JSON.stringify(name)}\nspec:\n  type: routing\n  definitionFile: defs/flow-${i}.json\n`,
  );
  return {
    'tenant.yaml': `apiVersion: ccac/v1
kind: Tenant
metadata:
  name: ${ODD_TENANT}
spec:
  subscription: trial
  countryOfOperation: NL
  timezone: Europe/Amsterdam
  platform: new-platform
  telephony: webex-calling
  numbers: ['+31201234500']
`,
    'users.yaml': `apiVersion: ccac/v1
kind: User
metadata:
  tenant: ${ODD_TENANT}
  name: ${ODD_ADMIN}
spec:
  displayName: "Ünïcødé 管理者 'quoted' \\"double\\""
  adminRoles: [full-admin]
  license: premium
`,
    'teams.yaml': teams.join('---\n'),
    'flows.yaml': flows.join('---\n'),
    'defs/flow-0.json': '{"name": "مركز", "steps": [1, 2, 3]}\n',
    'defs/flow-1.json': '{\n  "emoji": "🦜",\n  "crlf": true\r\n}',
    'defs/flow-2.json': '',
  };
}
