/** Types of bench/generate.mjs, for tests that build large configurations with it. */
export declare const RESOURCES_PER_TENANT: number;
export declare const PARTNER: string;
export declare const ACTOR: string;
export declare function tenantName(t: number): string;
export declare function generate(
  dir: string,
  resources: number,
): Promise<{ tenants: number; resources: number; bytes: number }>;
export declare function changeOnePercent(dir: string, tenants: number): Promise<number>;
export declare function changeOneFile(dir: string): Promise<string>;
export declare function configFiles(resources: number): {
  tenants: number;
  files: Map<string, string>;
};
export declare function generateShaped(
  dir: string,
  resources: number,
  options: { shape: 'generator' | 'lists' | 'flow' | 'quoted'; moved: boolean },
): Promise<{ tenants: number; resources: number; bytes: number; changed: number }>;
