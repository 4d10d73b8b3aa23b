// One folding for the whole project: validator, naming, LDAP and site search all use it.
// NFD then drop combining marks; đ/Đ are letters (NFD leaves them), and real data also has
// the look-alikes ð/Ð (U+00F0/U+00D0) typed for them, so all four become "d". Text converted
// from TCVN3/VNI fonts and PDFs carries ƣ/Ƣ (U+01A3/U+01A2, "oi") for ư/Ư: they become "u" like
// ư does. Apostrophes inside a word are part of it (ethnic-minority names H'Hen, K'Lin: one word,
// one initial). scripts/site/assets/search.js keeps an identical copy for the browser.
const COMBINING = /[\u0300-\u036f]/g;
const D_LIKE = /[đĐðÐ]/g;
const U_LIKE = /[ƣƢ]/g;
const APOSTROPHES = /['\u2019\u02bc]/g;

/** Look-alike letters typed for Vietnamese ones, with the letter they stand for. */
const LOOKALIKES: Record<string, string> = { ð: 'đ', Ð: 'Đ', ƣ: 'ư', Ƣ: 'Ư' };
const LOOKALIKE = /[ðÐƣƢ]/;
const LOOKALIKE_ALL = /[ðÐƣƢ]/g;

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
  return text.normalize('NFD').replace(COMBINING, '').replace(D_LIKE, 'd').replace(U_LIKE, 'u').toLowerCase();
}

/** Folded words of a text, keeping only [a-z0-9] runs ("Phòng Tài chính - Kế hoạch" → [phong, tai, chinh, ke, hoach]; "H'Hen" → [hhen]). */
export function foldWords(text: string): string[] {
  return foldText(text).replace(APOSTROPHES, '').split(/[^a-z0-9]+/).filter(Boolean);
}

/** Folded and joined: the form mailbox local parts use ("Phú Thuận" → "phuthuan"). */
export function foldJoined(text: string): string {
  return foldWords(text).join('');
}

/** True when the text contains ð/Ð or ƣ/Ƣ, look-alikes typed for đ/Đ and ư/Ư: worth a finding in names. */
export function hasLookalike(text: string): boolean {
  return LOOKALIKE.test(text);
}

/** The text with every look-alike replaced by the Vietnamese letter it stands for, in NFC ("Hoàng Thị Ƣng" → "Hoàng Thị Ưng"). */
export function fixLookalikes(text: string): string {
  return text.normalize('NFD').replace(LOOKALIKE_ALL, (c) => LOOKALIKES[c]).normalize('NFC');
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
