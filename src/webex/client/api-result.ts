/** Why a call to Webex did not do what was asked: a value, never a thrown string. */
export interface ApiFailure {
  /** The HTTP status; absent when no answer came (network, time-out). */
  status?: number;
  /** The API's own message when it gave one, else what happened. */
  message: string;
}

export type ApiResult<T> =
  { ok: true; value: T; headers: Headers } | { ok: false; failure: ApiFailure };

/** What openapi-fetch resolves to, whatever the operation. */
export interface FetchOutcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * An openapi-fetch call as a value: its data on a 2xx, else the status with the API's message;
 * no answer at all (thrown by the transport once its retries ran out) becomes a failure too.
 * `redact` scrubs the token from any text that could echo a request.
 */
export async function settle<T>(
  call: Promise<FetchOutcome<T>>,
  redact: (text: string) => string,
): Promise<ApiResult<T>> {
  let outcome: FetchOutcome<T>;
  try {
    outcome = await call;
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'no answer';
    return { ok: false, failure: { message: redact(`no answer from Webex: ${reason}`) } };
  }
  const { response } = outcome;
  if (response.ok) return { ok: true, value: outcome.data as T, headers: response.headers };
  return {
    ok: false,
    failure: { status: response.status, message: redact(apiMessage(outcome.error, response)) },
  };
}

/**
 * The message of an error body: Contact Center's `{error: {key, message: [{description}]}}`,
 * Control Hub's `{message, errors: [{description}]}`, else the status line.
 */
function apiMessage(body: unknown, response: Response): string {
  const fallback = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (typeof body === 'string')
    return body.trim() ? `${fallback}: ${body.trim().slice(0, 500)}` : fallback;
  if (body === null || typeof body !== 'object') return fallback;
  const { error, message, errors } = body as {
    error?: { message?: { description?: unknown }[] };
    message?: unknown;
    errors?: { description?: unknown }[];
  };
  const descriptions = [
    ...(Array.isArray(error?.message) ? error.message : []),
    ...(Array.isArray(errors) ? errors : []),
  ]
    .map((item) => item?.description)
    .filter((text): text is string => typeof text === 'string' && text.trim() !== '');
  if (typeof message === 'string' && message.trim() !== '') descriptions.unshift(message);
  const unique = [...new Set(descriptions)];
  return unique.length > 0 ? `${fallback}: ${unique.join('; ').slice(0, 500)}` : fallback;
}
