// Which characters may appear in directory text. One module so the loader (raw file and
// decoded values), the text-safety rule and the `add`/`suggest` commands agree on one set.
//
// Invisible: every control (Cc), format character (Cf: zero-width, bidi embeddings, overrides
// and isolates U+2066–2069, soft hyphen, BOM, …), line/paragraph separator (Zl/Zp, U+2028/2029)
// and the Unicode tag block (U+E0000–E007F, also used to smuggle text past reviewers).

/** Any invisible character, tab/LF/CR included: used on decoded values, which are one line each. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u{E0000}-\u{E007F}]/u;
/** The same, minus tab/LF/CR: used on raw file text, where those are the file's own layout. */
const INVISIBLE_IN_FILE = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u{E0000}-\u{E007F}]/gu;
/** What a browser, a Markdown renderer or a terminal could read as markup or code. */
const MARKUP = /[<>`]/u;
/**
 * A person's name: letters (Vietnamese and every minority-language script: any Unicode letter
 * and combining mark), spaces, and the apostrophe / hyphen real names use (H'Hen Niê, Y-Moan).
 */
const NAME_CHAR = /[\p{L}\p{M} '’ʼ-]/u;

export interface Hit {
  /** UTF-16 index of the character in the string. */
  index: number;
  char: string;
}

/** `U+202E` */
export function codePointLabel(char: string): string {
  return 'U+' + char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

function firstMatch(text: string, re: RegExp): Hit | undefined {
  const m = re.exec(text);
  return m ? { index: m.index, char: m[0] } : undefined;
}

/** The first invisible character of a decoded value (tab and newline count: values are one line). */
export function firstInvisible(value: string): Hit | undefined {
  return firstMatch(value, INVISIBLE);
}

/** Every invisible character of raw file text, tab/LF/CR excepted; linear in the text. */
export function* invisiblesInFile(text: string): Generator<Hit> {
  for (const m of text.matchAll(INVISIBLE_IN_FILE)) yield { index: m.index!, char: m[0] };
}

/** The first `<`, `>` or backtick of a value. */
export function firstMarkup(value: string): Hit | undefined {
  return firstMatch(value, MARKUP);
}

/**
 * The first character a person's name may not hold (see NAME_CHAR), or undefined. Invisible
 * characters are skipped: the loader reports them already (text-invisible-char).
 */
export function firstNonNameChar(name: string): Hit | undefined {
  for (let i = 0; i < name.length; ) {
    const char = String.fromCodePoint(name.codePointAt(i)!);
    if (!NAME_CHAR.test(char) && !INVISIBLE.test(char)) return { index: i, char };
    i += char.length;
  }
  return undefined;
}

/**
 * Why a name typed on the command line (`add`, `suggest`) is refused, or undefined: invisible
 * characters and markup. (Digits, brackets and look-alike letters are the naming rules' concern.)
 */
export function unsafeNameChar(name: string): Hit | undefined {
  return firstInvisible(name) ?? firstMarkup(name);
}
