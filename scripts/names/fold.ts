// One folding for the whole project: validator, naming, LDAP and site search all use it.
// NFD then drop combining marks; đ/Đ are letters (NFD leaves them), and real data also has
// the look-alikes ð/Ð (U+00F0/U+00D0) typed for them, so all four become "d".
const COMBINING = /[\u0300-\u036f]/g;
const D_LIKE = /[đĐðÐ]/g;

// Names and words repeat endlessly in a province (a few hundred distinct words for 100,000
// people): remember short folds. Bounded, and folding is pure, so this is only a speed-up.
const memo = new Map<string, string>();
const MEMO_MAX_LENGTH = 64;
const MEMO_MAX_ENTRIES = 200_000;

/** Vietnamese text → lower-case ASCII letters/digits with spacing kept ("Sở Tài chính" → "so tai chinh"). */
export function foldText(text: string): string {
  if (text.length > MEMO_MAX_LENGTH) return fold(text);
  let folded = memo.get(text);
  if (folded === undefined) {
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    memo.set(text, (folded = fold(text)));
  }
  return folded;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(COMBINING, '').replace(D_LIKE, 'd').toLowerCase();
}

/** Folded words of a text, keeping only [a-z0-9] runs ("Phòng Tài chính - Kế hoạch" → [phong, tai, chinh, ke, hoach]). */
export function foldWords(text: string): string[] {
  return foldText(text).split(/[^a-z0-9]+/).filter(Boolean);
}

/** Folded and joined: the form mailbox local parts use ("Phú Thuận" → "phuthuan"). */
export function foldJoined(text: string): string {
  return foldWords(text).join('');
}

/** True when the text contains ð/Ð, look-alikes typed for đ/Đ: worth a finding in names. */
export function hasDLookalike(text: string): boolean {
  return /[ðÐ]/.test(text);
}

/** First folded letter of each word ("Tôn Nữ" → "tn", "Đặng" → "d"). */
export function foldInitials(text: string): string {
  return foldWords(text)
    .map((w) => w[0])
    .join('');
}

/** A dotted local part from labels, each folded and joined: only [a-z0-9.] ever comes out. */
export function localPartOf(...labels: string[]): string {
  return labels.map(foldJoined).filter(Boolean).join('.');
}
