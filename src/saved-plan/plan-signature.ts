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
