import { bundledSchema } from '../../config/bundle-schema.js';
import { EXIT, type ExitCode, type Output } from '../output.js';

/** `ccac schema`: the file format's JSON Schema, for editors. */
export function runSchema(output: Output): ExitCode {
  output.out(`${JSON.stringify(bundledSchema(), null, 2)}\n`);
  return EXIT.ok;
}
