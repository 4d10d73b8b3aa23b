// A fast decoder for the small part of YAML that danhba's files are written in: block mappings
// and sequences, one-line flow `[a, b]` and `{ k: v }`, plain and double-quoted scalars without
// escapes, comments. It builds the same values and offsets as the `yaml` Document walk in
// yaml-tree.ts, at a fraction of its time and garbage (the Document parse was half the CPU of a
// 1,000,000-mailbox validation).
//
// It never decides anything on its own: whatever lies outside that subset (anchors, aliases,
// tags, merge keys, block scalars, escapes, quoted or duplicate keys, multi-line scalars, tabs,
// CR, document markers, odd indentation, numbers other than plain decimals, text that is not
// NFC or holds invisible characters…) makes it answer `undefined`, and the caller parses the
// file with the full `yaml` Document path, which reports it exactly as before. So a file it
// accepts is one the full path reads without an error or a finding of its own, into the very
// same values and locations (test/load/fast-yaml.test.ts compares the two).
import { LineCounter } from 'yaml';
import { invisiblesInFile } from '../model/text-safety.js';

/** What the Document walk produces: plain values and where each key, item and container starts. */
export interface Composed {
  value: unknown;
  keyOffsets: WeakMap<object, Record<string, number>>;
  itemOffsets: WeakMap<object, number[]>;
  starts: WeakMap<object, number>;
  rootOffset: number;
  lineCounter: LineCounter;
}

// Characters that need no further check: LF, printable ASCII, Latin-1 (less the soft hyphen, a
// format character), Latin Extended-A/B and Latin Extended Additional (precomposed Vietnamese).
// None is invisible and a string of them is always NFC (none composes with what precedes it).
const PLAIN_TEXT = /^[\n\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u1e00-\u1eff]*$/;

/**
 * Text the full path reports nothing about: no tab or CR (layout the subset does not cover), and
 * (as decodeSource checks) NFC and no invisible character. Values taken from it verbatim (no
 * escapes) then never trigger the loader's value checks either.
 */
function isCleanText(text: string): boolean {
  if (PLAIN_TEXT.test(text)) return true;
  if (text.includes('\t') || text.includes('\r')) return false;
  return text.normalize('NFC') === text && invisiblesInFile(text).next().done === true;
}

class Refused extends Error {}
const refuse = (): never => {
  throw new Refused();
};

// Plain keys: an ASCII word. A few words resolve to other types under the core schema.
const KEY = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NOT_STRING_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const MAX_KEY = 128;
const MAX_DEPTH = 32;
const INT = /^(?:0|[1-9][0-9]{0,14})$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const NUMBERISH = /^[0-9][0-9A-Za-z.+-]*$/;

/** A plain scalar's value under the YAML 1.2 core schema, for the forms danhba writes; else refused. */
function plainValue(s: string): unknown {
  const c = s.charCodeAt(0);
  // the core schema's numbers (decimal, 0o, 0x, floats, exponents) are made of these characters:
  // a word of them is a decimal integer, a date (a string in YAML 1.2) or refused; "06 Lê Lợi" is a string
  if (c >= 0x30 && c <= 0x39 && NUMBERISH.test(s)) {
    if (INT.test(s)) return Number(s);
    if (DATE.test(s)) return s;
    return refuse();
  }
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (NOT_STRING_WORDS.has(s)) return refuse();
  return s;
}

/** May a plain scalar start with this character (letters, digits, anything non-ASCII)? */
function plainStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c >= 0xa0;
}

interface Line {
  /** Offset of the line's first character. */
  start: number;
  /** Spaces before its content. */
  indent: number;
  /** Offset of the line's end (its LF, or the end of the text). */
  end: number;
}

/** Values and offsets of `text`, or undefined when it is not in the subset (parse it in full). */
export function fastCompose(text: string): Composed | undefined {
  if (!isCleanText(text)) return undefined;
  try {
    return compose(text);
  } catch (e) {
    if (e instanceof Refused || e instanceof RangeError) return undefined; // RangeError: stack
    throw e;
  }
}

function compose(text: string): Composed {
  const lineCounter = new LineCounter();
  const lines: Line[] = [];
  for (let start = 0; ; ) {
    lineCounter.addNewLine(start);
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let indent = 0;
    while (text.charCodeAt(start + indent) === 0x20) indent++;
    const first = start + indent;
    // blank and comment-only lines carry nothing (and are allowed at any indentation)
    if (first < end && text.charCodeAt(first) !== 0x23) lines.push({ start, indent, end });
    if (end === text.length) break;
    start = end + 1;
  }
  const keyOffsets = new WeakMap<object, Record<string, number>>();
  const itemOffsets = new WeakMap<object, number[]>();
  const starts = new WeakMap<object, number>();
  let li = 0; // the next content line

  /** After a value ending at `p` on its line: nothing but spaces and a comment may follow. */
  const lineRest = (p: number, end: number) => {
    if (p === end) return;
    if (text.charCodeAt(p) !== 0x20) refuse();
    while (p < end && text.charCodeAt(p) === 0x20) p++;
    if (p < end && text.charCodeAt(p) !== 0x23) refuse();
  };

  /** A double-quoted scalar opening at `p`: its value and the offset after its closing quote. */
  const quoted = (p: number, end: number): [string, number] => {
    const close = text.indexOf('"', p + 1);
    if (close === -1 || close >= end) refuse();
    const value = text.slice(p + 1, close);
    if (value.includes('\\')) refuse();
    return [value, close + 1];
  };

  /** A key at `p` followed by `:` and a space or the line's end: the key and the offset after `:`. */
  const keyAt = (p: number, end: number): [string, number] | undefined => {
    KEY.lastIndex = p;
    const m = KEY.exec(text);
    if (!m) return undefined;
    const after = p + m[0].length;
    if (text.charCodeAt(after) !== 0x3a) return undefined;
    if (after + 1 < end && text.charCodeAt(after + 1) !== 0x20) return undefined;
    if (m[0].length > MAX_KEY || NOT_STRING_WORDS.has(m[0])) refuse();
    return [m[0], after + 1];
  };

  /** One-line flow collection opening at `p`; returns it and the offset after its closing bracket. */
  const flow = (p: number, end: number, depth: number): [unknown, number] => {
    if (depth > MAX_DEPTH) refuse();
    const isMap = text.charCodeAt(p) === 0x7b;
    const close = isMap ? 0x7d : 0x5d;
    const out: unknown[] | Record<string, unknown> = isMap ? Object.create(null) : [];
    const offsets: number[] | Record<string, number> = isMap ? Object.create(null) : [];
    starts.set(out, p);
    let q = p + 1;
    const spaces = () => {
      while (q < end && text.charCodeAt(q) === 0x20) q++;
    };
    // a scalar inside the brackets: quoted, or plain up to `,` or the closing bracket
    const item = (): unknown => {
      const c = text.charCodeAt(q);
      if (c === 0x22 || c === 0x5b || c === 0x7b) {
        const [v, next] = c === 0x22 ? quoted(q, end) : flow(q, end, depth + 1);
        q = next;
        return v;
      }
      if (!plainStart(text.charCodeAt(q))) refuse();
      const from = q;
      while (q < end) {
        const c = text.charCodeAt(q);
        if (c === 0x2c || c === close) break;
        // anything that could start structure, a comment or a quote inside flow: not ours
        if (c === 0x3a || c === 0x23 || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x22 || c === 0x27) refuse();
        q++;
      }
      let to = q;
      while (text.charCodeAt(to - 1) === 0x20) to--;
      return plainValue(text.slice(from, to));
    };
    spaces();
    if (text.charCodeAt(q) !== close) {
      for (;;) {
        if (q >= end) refuse();
        const at = q;
        if (isMap) {
          const key = keyAt(q, end);
          if (!key || key[1] >= end) return refuse();
          const [k, afterColon] = key;
          if (k in offsets) refuse();
          q = afterColon;
          spaces();
          (offsets as Record<string, number>)[k] = at;
          (out as Record<string, unknown>)[k] = item();
        } else {
          (offsets as number[]).push(at);
          (out as unknown[]).push(item());
        }
        spaces();
        const c = text.charCodeAt(q);
        if (c === close) break;
        if (c !== 0x2c) refuse();
        q++;
        spaces();
        if (text.charCodeAt(q) === close) refuse(); // a trailing comma
      }
    }
    if (isMap) keyOffsets.set(out, offsets as Record<string, number>);
    else itemOffsets.set(out as unknown[], offsets as number[]);
    return [out, q + 1];
  };

  /** A value on the rest of a line from `p` (not empty): a scalar or a flow collection. */
  const inline = (p: number, end: number): unknown => {
    const c = text.charCodeAt(p);
    let value: unknown;
    let after: number;
    if (c === 0x22) [value, after] = quoted(p, end);
    else if (c === 0x5b || c === 0x7b) [value, after] = flow(p, end, 0);
    else {
      if (!plainStart(c)) refuse();
      // a plain scalar runs to the line's end or a ` #` comment; no `: ` inside (a nested key)
      const hash = text.slice(p, end).indexOf(' #'); // within the line: never a scan of the whole text
      let to = hash === -1 ? end : p + hash;
      while (text.charCodeAt(to - 1) === 0x20) to--;
      const s = text.slice(p, to);
      if (s.includes(': ') || s.endsWith(':') || /[[\]{}]/.test(s)) refuse();
      value = plainValue(s);
      after = to;
    }
    lineRest(after, end);
    return value;
  };

  /** The block node whose first line is content line `li`, for a parent at column `parent`. */
  const nested = (parent: number, allowCompactSeq: boolean, depth: number): unknown => {
    const line = lines[li];
    if (!line) return refuse();
    const dash = isDash(line.start + line.indent, line.end);
    if (line.indent > parent) return dash ? sequence(line.indent, depth + 1) : mapping(line.start + line.indent, line.indent, depth + 1);
    if (line.indent === parent && allowCompactSeq && dash) return sequence(line.indent, depth + 1);
    return refuse(); // an empty value
  };

  const isDash = (p: number, end: number) => text.charCodeAt(p) === 0x2d && (p + 1 === end || text.charCodeAt(p + 1) === 0x20);

  /** A block mapping whose first key is at offset `p` on line `li`, its keys at column `col`. */
  const mapping = (p: number, col: number, depth: number): Record<string, unknown> => {
    if (depth > MAX_DEPTH) refuse();
    const out: Record<string, unknown> = Object.create(null);
    const offsets: Record<string, number> = Object.create(null);
    starts.set(out, p);
    for (;;) {
      const line = lines[li];
      const key = keyAt(p, line.end);
      if (!key) return refuse();
      const [k, afterColon] = key;
      if (k in offsets) refuse(); // the full path reports duplicates
      offsets[k] = p;
      let q = afterColon;
      while (q < line.end && text.charCodeAt(q) === 0x20) q++;
      if (q === line.end || text.charCodeAt(q) === 0x23) {
        li++;
        out[k] = nested(col, true, depth);
      } else {
        out[k] = inline(q, line.end);
        li++;
      }
      const next = lines[li];
      if (!next || next.indent < col) break;
      if (next.indent > col) refuse();
      p = next.start + col;
    }
    keyOffsets.set(out, offsets);
    return out;
  };

  /** A block sequence on content line `li`, its dashes at column `col`. */
  const sequence = (col: number, depth: number): unknown[] => {
    if (depth > MAX_DEPTH) refuse();
    const out: unknown[] = [];
    const offsets: number[] = [];
    starts.set(out, lines[li].start + col);
    for (;;) {
      const line = lines[li];
      const dashAt = line.start + col;
      if (!isDash(dashAt, line.end) || dashAt + 1 === line.end) refuse(); // `-` alone: a nested block item
      let p = dashAt + 2;
      while (p < line.end && text.charCodeAt(p) === 0x20) p++;
      if (p === line.end || text.charCodeAt(p) === 0x23) refuse();
      offsets.push(p);
      if (keyAt(p, line.end)) out.push(mapping(p, p - line.start, depth + 1));
      else {
        out.push(inline(p, line.end));
        li++;
      }
      const next = lines[li];
      if (!next || next.indent < col) break;
      if (next.indent > col) refuse();
      if (!isDash(next.start + col, next.end)) break; // the parent mapping's next key (compact form)
    }
    itemOffsets.set(out, offsets);
    return out;
  };

  const first = lines[0];
  if (!first || first.indent !== 0) refuse();
  const value = mapping(first.start, 0, 0);
  if (li !== lines.length) refuse();
  return { value, keyOffsets, itemOffsets, starts, rootOffset: first.start, lineCounter };
}
