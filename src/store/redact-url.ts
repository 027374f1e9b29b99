const MASK = '***';

/** The URL with its password (in the user-info part or a `password=` parameter) replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    let changed = false;
    if (parsed.password) {
      parsed.password = MASK;
      changed = true;
    }
    if (parsed.searchParams.has('password')) {
      parsed.searchParams.set('password', MASK);
      changed = true;
    }
    return changed ? parsed.toString() : url;
  } catch {
    // Not a URL the WHATWG parser accepts: mask what looks like credentials anyway.
    return url
      .replace(/(\/\/[^/:@\s]*:)[^@\s]*@/, `$1${MASK}@`)
      .replace(/(password=)[^&\s]*/gi, `$1${MASK}`);
  }
}

/** `text` with every occurrence of the URL's password (raw or percent-decoded) masked. */
export function redactSecrets(text: string, url: string): string {
  let out = text.split(url).join(redactUrl(url));
  for (const secret of secretsOf(url)) out = out.split(secret).join(MASK);
  return out;
}

function secretsOf(url: string): string[] {
  const found = new Set<string>();
  const add = (value: string | null | undefined) => {
    if (!value) return;
    found.add(value);
    try {
      found.add(decodeURIComponent(value));
    } catch {
      // keep the raw form only
    }
  };
  try {
    const parsed = new URL(url);
    add(parsed.password);
    add(parsed.searchParams.get('password'));
  } catch {
    add(/\/\/[^/:@\s]*:([^@\s]*)@/.exec(url)?.[1]);
    add(/password=([^&\s]*)/i.exec(url)?.[1]);
  }
  return [...found].filter((s) => s.length > 0);
}
