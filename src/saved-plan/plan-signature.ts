import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A saved plan's signature: an HMAC-SHA256, with the key in CCAC_PLAN_KEY, of the plan's digest
 * and how that digest is made. A plan's digest alone anyone can make again after editing it; only
 * a holder of the key can sign the new one. The key itself is never written anywhere.
 */
export interface PlanSignature {
  /** How `value` is made: SIGNATURE_FORMAT. */
  format: string;
  /** Names the key without giving it away (an HMAC of a fixed text): tells keys apart on rotation. */
  keyId: string;
  /** Hex HMAC-SHA256 of signedText. */
  value: string;
  /**
   * The hash of each change's `before` and `after` value, in the order of the changes (null for
   * no value): the digest is made of them, so a plan signed as a file (`file`) is applied without
   * hashing its values again. Trusted only with the signature of the file's text.
   */
  hashes?: (string | null)[];
  /** Hex HMAC-SHA256 of the file's text up to this value (fileSignedWith): always last. */
  file?: string;
}

export const SIGNATURE_FORMAT = 'hmac-sha256/1';

/** What a signature covers: the digest and its form, so neither can be swapped for another. */
function signedText(plan: { digest: string; digestFormat: number }): string {
  return `ccac plan signature ${SIGNATURE_FORMAT}\ndigest format ${plan.digestFormat}\ndigest ${plan.digest}`;
}

function hmac(key: string, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}

export function planKeyId(key: string): string {
  return hmac(key, 'ccac plan key id').toString('hex').slice(0, 16);
}

export function signPlan(
  plan: { digest: string; digestFormat: number },
  key: string,
): PlanSignature {
  return {
    format: SIGNATURE_FORMAT,
    keyId: planKeyId(key),
    value: hmac(key, signedText(plan)).toString('hex'),
  };
}

/**
 * Why a plan is not signed with `key` (undefined when it is). The comparison takes the same time
 * wherever the values differ: how much of a guess is right is not told by the time it takes.
 */
export function signatureProblem(
  plan: { digest: string; digestFormat: number; signature?: unknown },
  key: string,
): string | undefined {
  const signature = plan.signature as Partial<PlanSignature> | undefined;
  if (signature === undefined) return 'it is not signed';
  if (signature?.format !== SIGNATURE_FORMAT || !/^[0-9a-f]{64}$/.test(String(signature.value)))
    return `its signature is not of the form ${SIGNATURE_FORMAT}`;
  const expected = hmac(key, signedText(plan));
  if (timingSafeEqual(Buffer.from(String(signature.value), 'hex'), expected)) return undefined;
  const keyId = planKeyId(key);
  return isKeyId(signature.keyId) && signature.keyId !== keyId
    ? `it is signed with key ${signature.keyId}, not with CCAC_PLAN_KEY (key ${keyId})`
    : 'its signature does not match';
}

/** A key id as signPlan writes it: nothing else from the file is repeated in a message. */
export function isKeyId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{16}$/.test(value);
}

/**
 * The signature of the file's own text: what precedes it, as written, is what the key holder
 * wrote, so nothing in it needs to be made again to be trusted (its digest, the values' hashes,
 * the fields). Its text starts otherwise than signedText's, so neither passes for the other.
 */
const FILE_SIGNED = 'ccac plan file hmac-sha256/1\n';

/** Where savedPlanText leaves room for the file's signature: the last member of the last member. */
export const FILE_PLACEHOLDER = '0'.repeat(64);

/** The end of a file signed as a whole: its signature, then only the closing of the JSON. */
const FILE_END = /"file": "([0-9a-f]{64})"\n {2}\}\n\}\n$/;

/**
 * The file of `json` (a plan as JSON, whose last member's last member is `"file":
 * FILE_PLACEHOLDER`) and a final newline, with the placeholder replaced by the HMAC of every byte
 * before it. The text is encoded once and the signature written into its bytes: 11 MB of plan
 * (10,000 changes) is neither joined to its signature as text nor encoded twice (once for the
 * HMAC, once for the file).
 */
export function signedFileBytes(json: string, key: string): Buffer {
  const end = fileEnd(`${json.slice(-FILE_END_LENGTH)}\n`);
  if (end?.mac !== FILE_PLACEHOLDER) throw new Error('the plan text has no room for its signature');
  const length = Buffer.byteLength(json, 'utf8');
  const bytes = Buffer.allocUnsafe(length + 1);
  bytes.write(json, 0, 'utf8');
  bytes[length] = 0x0a;
  // What follows the placeholder is ASCII (FILE_END): as many bytes as characters.
  const at = length - (Math.min(json.length, FILE_END_LENGTH) - end.at);
  bytes.write(fileMac(bytes.subarray(0, at), key).toString('hex'), at, 'latin1');
  return bytes;
}

/**
 * Whether `text` is a file signedFileBytes signed with `key`, byte for byte. False for anything
 * else (another key, an edit, a plan signed only over its digest): the caller then checks it in
 * full, which says why it is refused, if it is. `bytes`, the file's bytes `text` was decoded
 * from, are signed as they are rather than encoded again (its end is ASCII: as long in both).
 */
export function fileSignedWith(text: string, key: string, bytes?: Uint8Array): boolean {
  const end = fileEnd(text);
  if (!end) return false;
  const signed = bytes
    ? bytes.subarray(0, bytes.length - (text.length - end.at))
    : text.slice(0, end.at);
  return timingSafeEqual(Buffer.from(end.mac, 'hex'), fileMac(signed, key));
}

function fileMac(signed: string | Uint8Array, key: string): Buffer {
  const mac = createHmac('sha256', key).update(FILE_SIGNED);
  return (typeof signed === 'string' ? mac.update(signed, 'utf8') : mac.update(signed)).digest();
}

/** The file's signature, and where it starts; none unless the text ends as FILE_END says. */
function fileEnd(text: string): { mac: string; at: number } | undefined {
  const tail = text.slice(-FILE_END_LENGTH);
  const end = FILE_END.exec(tail);
  if (!end) return undefined;
  return { mac: end[1]!, at: text.length - tail.length + end.index + '"file": "'.length };
}

/** Room enough for FILE_END: the search for it reads no further back. */
const FILE_END_LENGTH = 96;
