/**
 * What a name may be written with. Names that read alike must be one name: a name is read in
 * Unicode NFC (so `é` and `e` + U+0301 are one name), and a character that is invisible or looks
 * like a space is refused rather than made into a second resource (issue #16).
 */

/**
 * Control characters, Unicode's default-ignorable code points (zero-width space and joiners,
 * BOM, soft hyphen, bidi controls U+200E/F, U+202A–U+202E and U+2066–U+2069, variation
 * selectors, tags…), spaces other than U+0020 (no-break, en, em, ideographic…) and unpaired
 * surrogates.
 */
const HIDDEN = /[\p{Cc}\p{Default_Ignorable_Code_Point}\p{Cs}]|(?! )\p{White_Space}/u;

/** What an emoji sequence joins: a pictograph, a skin tone, or a pictograph's VS16. */
const EMOJI_PART = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]$/u;
const PICTOGRAPH = /^\p{Extended_Pictographic}$/u;
const ZWJ = '\u200D';
const VARIATION_SELECTORS = new Set(['\uFE0E', '\uFE0F']);

/**
 * The first character of `text` that is invisible or looks like another, as `U+200B`; undefined
 * when there is none. A zero-width joiner between emoji and a variation selector after a
 * pictograph are how emoji such as 👩‍💻 and ❤️ are written, and are kept.
 */
export function hiddenCharacter(text: string): string | undefined {
  if (!HIDDEN.test(text)) return undefined;
  const chars = [...text];
  for (const [i, char] of chars.entries()) {
    if (!HIDDEN.test(char)) continue;
    const before = chars[i - 1] ?? '';
    const after = chars[i + 1] ?? '';
    if (char === ZWJ && EMOJI_PART.test(before) && PICTOGRAPH.test(after)) continue;
    if (VARIATION_SELECTORS.has(char) && PICTOGRAPH.test(before)) continue;
    return codePoint(char);
  }
  return undefined;
}

/** Why `name` cannot name a resource, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  const hidden = hiddenCharacter(name);
  if (hidden !== undefined)
    return `holds ${hidden}, a character that is invisible or looks like another: write the name with visible characters only`;
  if (name !== name.trim()) return 'begins or ends with a space';
  return undefined;
}

/** `U+200B`. */
function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * An e-mail address as ccac keeps and compares it: trimmed (spaces, no-break spaces and a BOM
 * at either end), lower case (SPEC §2) and NFC. `PIETER.LAAN@…` and `pieter.laan@…` are one
 * person, who is authorized, recorded and found in the history as one.
 */
export function normalizeEmail(text: string): string {
  return text.trim().toLowerCase().normalize('NFC');
}
