// Split a Vietnamese full name into family name, middle names and given name. The default
// split (first word = family, last word = given, the rest = middle) is right for most names;
// the data overrides it with `nameParts` for names it gets wrong: one-word names, compound
// family names (Tôn Nữ, Tôn Thất) and ethnic-minority names (Y Moan Niê). No regulation limits
// the number of words: a six-word name splits like a three-word one (names/README readings).
import type { NameParts, Person } from '../model/types.js';

export type ParsedName = { ok: true; parts: NameParts } | { ok: false; reason: 'empty' | 'one-word' };

/** NFC words of a name: tolerant of NFD input, extra and non-breaking spaces. */
export function nameWords(name: string): string[] {
  return name.normalize('NFC').split(/[\s\u00a0]+/u).filter(Boolean);
}

export function parseName(full: string): ParsedName {
  const words = nameWords(full);
  if (words.length === 0) return { ok: false, reason: 'empty' };
  if (words.length === 1) return { ok: false, reason: 'one-word' };
  return { ok: true, parts: { family: words[0], middle: words.slice(1, -1), given: words[words.length - 1] } };
}

/** Normalise an explicit split the same way (NFC, single spaces). */
export function normaliseParts(parts: NameParts): NameParts {
  const clean = (s: string) => nameWords(s).join(' ');
  return { family: clean(parts.family), middle: parts.middle.map(clean).filter(Boolean), given: clean(parts.given) };
}

// Several rules split every person's name, and names repeat across a province: remember the
// default splits (bounded; parsing is pure and results are never mutated).
const parsedNames = new Map<string, ParsedName>();

/** The parts naming uses for a person: the data's override when present, else the default split. */
export function partsOf(person: Pick<Person, 'name' | 'nameParts'>): ParsedName {
  if (person.nameParts) return { ok: true, parts: normaliseParts(person.nameParts) };
  let parsed = parsedNames.get(person.name);
  if (!parsed) {
    if (parsedNames.size >= 200_000) parsedNames.clear();
    parsedNames.set(person.name, (parsed = parseName(person.name)));
  }
  return parsed;
}

/** All words of a split, in written order (family, middle, given). */
export function partsWords(parts: NameParts): string[] {
  return [parts.family, ...parts.middle, parts.given].flatMap(nameWords);
}
