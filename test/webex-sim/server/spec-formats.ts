import type { Ajv } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';

/** The string formats Cisco's specs use, beyond openapi-backend's own (int32, int64, …). */
export function withSpecFormats(ajv: Ajv): Ajv {
  ajv.addFormat('uuid', fullFormats.uuid);
  ajv.addFormat('url', fullFormats.url);
  ajv.addFormat('date-time', fullFormats['date-time']);
  ajv.addFormat('string', true); // Cisco's `format: string` says nothing more than the type
  return ajv;
}
