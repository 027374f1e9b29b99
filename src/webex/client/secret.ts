import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * The Webex token. It is read in one place, where request headers are built (`reveal`); every
 * other way of looking at it — string, JSON, console, util.inspect — shows `[redacted]`, so the
 * token cannot leak into an error, a log line or a value handed to the store or a renderer.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** For the request's Authorization header only (transport.ts). */
  reveal(): string {
    return this.#value;
  }

  /** `text` with every occurrence of the secret replaced: for messages that echo a request. */
  redact(text: string): string {
    return this.#value === '' ? text : text.split(this.#value).join(REDACTED);
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }
}
