// Place names inside agency names: "UBND huyện Phú Vang" → level huyện, place Phú Vang.
import { foldText } from './fold.js';
import { nameWords } from './parse.js';

export type Level = 'tinh' | 'thanhpho' | 'thixa' | 'thitran' | 'huyen' | 'quan' | 'xa' | 'phuong';

// Longest first so "thị xã" wins over "xã"; compared folded so "Thị Xã"/"thị xã" both match.
const LEVELS: [string[], Level][] = [
  [['thanh', 'pho'], 'thanhpho'],
  [['thi', 'xa'], 'thixa'],
  [['thi', 'tran'], 'thitran'],
  [['huyen'], 'huyen'],
  [['quan'], 'quan'],
  [['tinh'], 'tinh'],
  [['xa'], 'xa'],
  [['phuong'], 'phuong'],
];
const COMMITTEE = [['ubnd'], ['uy', 'ban', 'nhan', 'dan']];

// Short forms agency names use for the level word: "UBND TP. Ninh Bình", "UBND H. Tiên Lữ",
// "TX Hương Trà", "Q. Ninh Kiều". "TP"/"TX" are read with or without the dot and in any case;
// the one-letter forms only with their dot ("H." is huyện, a bare "H" may be a name).
const SHORT_LEVELS: [RegExp, Level][] = [
  [/^tp\.?$/, 'thanhpho'],
  [/^tx\.?$/, 'thixa'],
  [/^h\.$/, 'huyen'],
  [/^q\.$/, 'quan'],
];
// The same written against the place name ("TP.Huế", "H.Tiên Lữ").
const GLUED = /^(tp|tx|h|q)\.(.+)$/iu;

/** Level of a short form ("TP." → thành phố), or undefined. */
function shortLevel(word: string): Level | undefined {
  const folded = foldText(word);
  return SHORT_LEVELS.find(([re]) => re.test(folded))?.[1];
}

export interface Place {
  level?: Level;
  /** The place's own name in NFC with diacritics ("Phú Vang"). */
  place: string;
}

function startsWith(folded: string[], prefix: string[]): boolean {
  return prefix.every((w, i) => folded[i] === w);
}

/** Whether an agency name is a people's committee ("UBND …", "Ủy ban nhân dân …"). */
export function isCommittee(agencyName: string): boolean {
  const folded = nameWords(agencyName).map((w) => foldText(w));
  return COMMITTEE.some((c) => startsWith(folded, c));
}

/** Strip "UBND"/"Ủy ban nhân dân" and the level word from an agency name. */
export function placeOf(agencyName: string): Place {
  let words = nameWords(agencyName);
  const folded = () => words.map((w) => foldText(w));
  const committee = COMMITTEE.find((c) => startsWith(folded(), c));
  if (committee) words = words.slice(committee.length);
  const level = LEVELS.find(([ws]) => startsWith(folded(), ws));
  if (level) return { level: level[1], place: words.slice(level[0].length).join(' ') };
  const glued = words.length ? GLUED.exec(words[0]) : null;
  if (glued) words = [`${glued[1]}.`, glued[2], ...words.slice(1)];
  const short = words.length > 1 ? shortLevel(words[0]) : undefined;
  if (short) words = words.slice(1);
  return { level: short, place: words.join(' ') };
}

/**
 * A district's abbreviation: initials of its place name, keeping "thành phố" as "tp" the way
 * the Huế appendix writes the city (`tphue`): Phú Vang → pv, A Lưới → al, thành phố Huế → tph.
 */
export function districtAbbreviation(agencyName: string): string {
  const { level, place } = placeOf(agencyName);
  const initials = nameWords(place)
    .map((w) => foldText(w).replace(/[^a-z0-9]/g, '')[0] ?? '')
    .join('');
  return (level === 'thanhpho' ? 'tp' : '') + initials;
}
