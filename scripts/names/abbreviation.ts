// Does an abbreviation follow its Vietnamese name? Each part of the abbreviation must be a
// prefix (at least the initial) of one of the name's words, in order; words may be skipped
// ("và", "tỉnh", "UBND"…). Sở Thông tin và Truyền thông → stttt, sotttt fit; xyz does not.
// Trailing digits are allowed (huongvan01). A heuristic, so the rule using it only warns.
import { foldWords } from './fold.js';

export function abbreviationFits(abbreviation: string, name: string, forbiddenWords: readonly string[] = []): boolean {
  const letters = abbreviation.replace(/[0-9]+$/, '');
  if (!/^[a-z]+$/.test(letters)) return false;
  const forbidden = new Set(forbiddenWords);
  const words = foldWords(name).filter((w) => !forbidden.has(w));
  return matches(letters, 0, words, 0, new Map());
}

/**
 * The forbidden word an abbreviation draws letters from (Ninh Bình Điều 5.1.a, 5.1.c: "không bao
 * gồm từ 'và'"): it follows the name with the word and does not without it. `-` in the
 * abbreviation is reported as the word "-". undefined when the abbreviation is clean.
 */
export function forbiddenWordUsed(abbreviation: string, name: string, forbiddenWords: readonly string[]): string | undefined {
  if (forbiddenWords.length === 0) return undefined;
  if (abbreviation.includes('-')) return '-';
  if (abbreviationFits(abbreviation, name) && !abbreviationFits(abbreviation, name, forbiddenWords)) {
    const words = new Set(forbiddenWords);
    return foldWords(name).find((w) => words.has(w));
  }
  return undefined;
}

// Memoised depth-first match: position in the abbreviation × index of the next usable word.
function matches(abbr: string, i: number, words: string[], w: number, memo: Map<number, boolean>): boolean {
  if (i === abbr.length) return true;
  if (w === words.length) return false;
  const key = i * (words.length + 1) + w;
  const known = memo.get(key);
  if (known !== undefined) return known;
  let ok = matches(abbr, i, words, w + 1, memo); // skip this word
  const word = words[w];
  for (let n = 1; !ok && n <= word.length && i + n <= abbr.length && abbr[i + n - 1] === word[n - 1]; n++) {
    ok = matches(abbr, i + n, words, w + 1, memo);
  }
  memo.set(key, ok);
  return ok;
}
