// YAML text → plain values plus a map from JSON pointer to source position, so any value
// (and any schema error about it) can be reported at file:line:col. Aliases are resolved here
// with a hard budget: a YAML "billion laughs" file becomes one finding, not an OOM.
import { Alias, LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Document } from 'yaml';
import { msg } from '../i18n.js';
import type { Finding } from '../rules/finding.js';
import type { Loc } from '../model/types.js';
import { formatFinding } from './format-rules.js';
import { pack, PackedLocs } from '../model/locs.js';

export const MAX_ALIASES = 16;

export interface YamlTree {
  value: unknown;
  /** Location of the value at a JSON pointer (`/staff/3/mailbox`); the key's position for map entries. */
  locate(pointer: string): Loc;
  /** Packed locations of a mapping's keys, `self` being where the mapping starts. */
  locsOf(mapping: object): PackedLocs;
}

export interface ParsedYaml {
  tree?: YamlTree;
  findings: Finding[];
}

class AliasBudgetExceeded extends Error {}

export function parseYaml(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  const loc = (offset: number): Loc => ({ file, ...lineCounter.linePos(offset) });
  const findings = syntaxFindings(doc, loc);
  if (doc.errors.length > 0) return { findings };

  // Offsets are kept beside the plain values (no pointer strings): a mapping's key offsets,
  // a sequence's item offsets, and every container's own start.
  const keyOffsets = new WeakMap<object, Record<string, number>>();
  const itemOffsets = new WeakMap<object, number[]>();
  const starts = new WeakMap<object, number>();
  let aliasesSeen = 0;
  let aliasAt = 0;
  const walk = (node: Node | null | undefined, depth: number): unknown => {
    if (node == null) return null;
    if (node instanceof Alias) {
      aliasesSeen++;
      aliasAt = node.range?.[0] ?? 0;
      if (aliasesSeen > MAX_ALIASES || depth > 64) throw new AliasBudgetExceeded();
      return walk(node.resolve(doc) as Node | undefined, depth + 1);
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const offsets: Record<string, number> = {};
      const start = node.range?.[0] ?? 0;
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        offsets[key] = (pair.key as Node | null)?.range?.[0] ?? start;
        out[key] = walk(pair.value as Node | null, depth);
      }
      keyOffsets.set(out, offsets);
      starts.set(out, start);
      return out;
    }
    if (isSeq(node)) {
      const start = node.range?.[0] ?? 0;
      const out = node.items.map((item) => walk(item as Node | null, depth));
      itemOffsets.set(out, node.items.map((item) => (item as Node | null)?.range?.[0] ?? start));
      starts.set(out, start);
      return out;
    }
    return isScalar(node) ? node.value : null;
  };

  let value: unknown;
  try {
    value = walk(doc.contents as Node | null, 0);
  } catch (e) {
    if (!(e instanceof AliasBudgetExceeded)) throw e;
    return {
      findings: [
        formatFinding(
          'aliases',
          loc(aliasAt),
          msg(`Tệp dùng quá ${MAX_ALIASES} alias YAML (*tên); có thể là tệp "bom alias"; không đọc tiếp.`, `The file uses more than ${MAX_ALIASES} YAML aliases (*name), possibly an alias bomb; not read further.`),
          msg('Viết đầy đủ giá trị thay cho anchor/alias (&tên / *tên).', 'Write values out instead of using anchors/aliases (&name / *name).'),
        ),
      ],
    };
  }
  const rootOffset = doc.contents?.range?.[0] ?? 0;
  // Walk the pointer down the values; the deepest located step wins.
  const locate = (pointer: string): Loc => {
    let offset = rootOffset;
    let current: unknown = value;
    for (const raw of pointer.split('/').slice(1)) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (current === null || typeof current !== 'object') break;
      const step = Array.isArray(current) ? itemOffsets.get(current)?.[Number(key)] : keyOffsets.get(current)?.[key];
      if (step === undefined) break;
      offset = step;
      current = (current as Record<string, unknown>)[key];
    }
    return loc(offset);
  };
  const locsOf = (mapping: object): PackedLocs => {
    const packed: Record<string, number> = {};
    const at = (offset: number) => {
      const { line, col } = lineCounter.linePos(offset);
      return pack(line, col);
    };
    packed.self = at(starts.get(mapping) ?? rootOffset);
    for (const [key, offset] of Object.entries(keyOffsets.get(mapping) ?? {})) packed[key] = at(offset);
    return new PackedLocs(file, packed);
  };
  return { tree: { value, locate, locsOf }, findings };
}

function syntaxFindings(doc: Document, loc: (offset: number) => Loc): Finding[] {
  return doc.errors.map((err) => {
    const where = loc(err.pos[0]);
    if (err.code === 'DUPLICATE_KEY') {
      return formatFinding('duplicateKey', where, msg('Khoá bị khai báo hai lần trong cùng một mục.', 'A key is declared twice in the same mapping.'), msg('Xoá một trong hai dòng trùng.', 'Delete one of the two lines.'));
    }
    const first = err.message.split('\n')[0];
    return formatFinding('yamlSyntax', where, msg(`Lỗi cú pháp YAML: ${first}`, `YAML syntax error: ${first}`), msg('Kiểm tra thụt lề (dùng dấu cách, không dùng tab) và dấu ":" sau mỗi khoá.', 'Check indentation (spaces, not tabs) and the ":" after each key.'));
  });
}

export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
