import type { FormatDefinition } from 'ajv/dist/2020.js';
import { lazyModule } from '../support/lazy-module.js';
import { CUSTOM_FORMATS } from './formats.js';

type Format = FormatDefinition<string> | ((value: string) => boolean) | RegExp;

const ajvFormats = lazyModule<{ fullFormats: Record<string, Format> }>('ajv-formats/dist/formats');

/** Every string format the schemas use: ajv-formats' own (full mode) and ccac's (formats.ts). */
export function schemaFormats(): Record<string, Format> {
  const { fullFormats } = ajvFormats();
  return {
    email: fullFormats.email!,
    date: fullFormats.date!,
    'date-time': fullFormats['date-time']!,
    uuid: fullFormats.uuid!,
    ...CUSTOM_FORMATS,
  };
}
