// YAML text → plain values plus a map from JSON pointer to source position, so any value
// (and any schema error about it) can be reported at file:line:col. Aliases are resolved here
// with a hard budget: a YAML "billion laughs" file becomes one finding, not an OOM.
import { Alias, CST, LineCounter, Parser, isMap, isScalar, isSeq, parseDocument, type Node, type Document } from 'yaml';
import { codePointLabel, firstInvisible, invisiblesInFile } from '../model/text-safety.js';
import { msg } from '../i18n.js';
import type { Finding } from '../rules/finding.js';
import type { Loc } from '../model/types.js';
import { formatFinding } from './format-rules.js';
import { pack, PackedLocs } from '../model/locs.js';
import { fastCompose, type Composed } from './fast-yaml.js';

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

// DANHBA_YAML_FULL=1: every file through the Document path (to compare the two, or time the old one).
const ALWAYS_FULL = process.env.DANHBA_YAML_FULL === '1';

/**
 * Parse one file. Files in the subset danhba writes go through the fast decoder (fast-yaml.ts);
 * anything else, or with `full`, through the `yaml` Document walk below. Both give the same
 * values, locations and findings (test/load/fast-yaml.test.ts).
 */
export function parseYaml(file: string, text: string, options: { full?: boolean } = {}): ParsedYaml {
  const fast = (options.full ?? ALWAYS_FULL) ? undefined : fastCompose(text);
  if (fast) return { tree: locatedTree(file, fast), findings: [] };
  return parseYamlFull(file, text);
}

/** The `yaml` Document path: every YAML construct, with syntax, alias, tag and value findings. */
export function parseYamlFull(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  const loc = (offset: number): Loc => ({ file, ...lineCounter.linePos(offset) });
  const findings = syntaxFindings(doc, loc, text);
  if (doc.errors.length > 0) return { findings };
  const values = valueChecks(file, text, loc);

  // Offsets are kept beside the plain values (no pointer strings): a mapping's key offsets,
  // a sequence's item offsets, and every container's own start.
  // Mappings are built without a prototype: a `__proto__` key is then an ordinary (unknown)
  // key the schema reports, never the object's prototype supplying missing fields.
  const keyOffsets = new WeakMap<object, Record<string, number>>();
  const itemOffsets = new WeakMap<object, number[]>();
  const starts = new WeakMap<object, number>();
  const duplicates: Finding[] = [];
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
    values.tag(node);
    if (isMap(node)) {
      const out: Record<string, unknown> = Object.create(null);
      const offsets: Record<string, number> = Object.create(null);
      const start = node.range?.[0] ?? 0;
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyAt = (pair.key as Node | null)?.range?.[0] ?? start;
        // Duplicates are found here, with one lookup per key: the yaml library's own check
        // (uniqueKeys) compares every key with every other (20,000 keys took 7 s).
        if (key in offsets) {
          duplicates.push(formatFinding('duplicateKey', loc(keyAt), msg(`Khoá "${key}" bị khai báo hai lần trong cùng một mục.`, `The key "${key}" is declared twice in the same mapping.`), msg('Xoá một trong hai dòng trùng.', 'Delete one of the two lines.')));
          continue;
        }
        offsets[key] = keyAt;
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
    if (!isScalar(node)) return null;
    if (typeof node.value === 'string') values.string(node.value, node.range);
    return node.value;
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
  if (duplicates.length > 0) return { findings: [...findings, ...duplicates] };
  findings.push(...values.findings);
  const rootOffset = doc.contents?.range?.[0] ?? 0;
  return { tree: locatedTree(file, { value, keyOffsets, itemOffsets, starts, rootOffset, lineCounter }), findings };
}

/** The tree over composed values: locations are looked up from the offsets only when asked for. */
function locatedTree(file: string, composed: Composed): YamlTree {
  const { value, keyOffsets, itemOffsets, starts, rootOffset, lineCounter } = composed;
  const loc = (offset: number): Loc => ({ file, ...lineCounter.linePos(offset) });
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
    const packed: Record<string, number> = Object.create(null);
    const at = (offset: number) => {
      const { line, col } = lineCounter.linePos(offset);
      return pack(line, col);
    };
    packed.self = at(starts.get(mapping) ?? rootOffset);
    for (const [key, offset] of Object.entries(keyOffsets.get(mapping) ?? {})) packed[key] = at(offset);
    return new PackedLocs(file, packed);
  };
  return { value, locate, locsOf };
}

// Tags a data file may carry explicitly: the core schema's own. Anything else (`!foo`,
// `!!binary`, `!!timestamp`…) would silently change a value's type or be dropped.
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));
const MAX_VALUE_FINDINGS = 20;

/**
 * Checks on decoded values, not raw text: `"\u202e"` or `"e\u0301"` written as YAML escapes
 * decode to the very characters the raw-text checks look for. A value whose own source already
 * shows the character literally was reported by the raw check, so it is not reported twice.
 */
function valueChecks(file: string, text: string, loc: (offset: number) => Loc) {
  const findings: Finding[] = [];
  let invisible = 0;
  let nfc = 0;
  return {
    findings,
    tag(node: Node) {
      const tag = (node as { tag?: string }).tag;
      if (!tag || CORE_TAGS.has(tag)) return;
      findings.push(
        formatFinding(
          'yamlTag',
          loc(node.range?.[0] ?? 0),
          msg(`Thẻ YAML "${tag}" không được dùng trong dữ liệu danh bạ.`, `YAML tag "${tag}" is not allowed in directory data.`),
          msg('Bỏ thẻ (!…); viết giá trị thường, chuỗi đặt trong dấu nháy kép.', 'Remove the tag (!…); write a plain value, strings in double quotes.'),
        ),
      );
    },
    string(value: string, range: Node['range']) {
      const start = range?.[0] ?? 0;
      const raw = () => text.slice(start, range?.[1] ?? start);
      const hit = invisible < MAX_VALUE_FINDINGS ? firstInvisible(value) : undefined;
      if (hit && invisiblesInFile(raw()).next().done) {
        invisible++;
        const code = codePointLabel(hit.char);
        findings.push(
          formatFinding(
            'invisible',
            loc(start),
            msg(`Giá trị chứa ký tự vô hình/điều khiển ${code} (viết dưới dạng mã thoát YAML hoặc xuống dòng).`, `The value holds the invisible or control character ${code} (written as a YAML escape or a line break).`),
            msg('Xoá mã thoát (\\u…, \\n, \\0…) khỏi giá trị; mỗi giá trị là một dòng chữ thường.', 'Remove the escape (\\u…, \\n, \\0…) from the value; each value is one line of plain text.'),
          ),
        );
      }
      if (nfc < MAX_VALUE_FINDINGS && value.normalize('NFC') !== value) {
        const source = raw();
        if (source.normalize('NFC') === source) {
          nfc++;
          findings.push(
            formatFinding(
              'nfc',
              loc(start),
              msg('Giá trị (viết bằng mã thoát YAML) ở dạng tổ hợp (NFD), không phải dựng sẵn (NFC).', 'The value (written with YAML escapes) is decomposed (NFD), not precomposed (NFC).'),
              msg('Viết chữ trực tiếp, gõ bằng bộ gõ đặt "Unicode dựng sẵn".', 'Write the letters themselves, typed with precomposed Unicode.'),
            ),
          );
        }
      }
    },
  };
}

function syntaxFindings(doc: Document, loc: (offset: number) => Loc, text: string): Finding[] {
  return doc.errors.map((err) => {
    const where = loc(err.code === 'MISSING_CHAR' && /quote/.test(err.message) ? openingQuote(text, err.pos[0]) : err.pos[0]);
    if (err.code === 'DUPLICATE_KEY') {
      return formatFinding('duplicateKey', where, msg('Khoá bị khai báo hai lần trong cùng một mục.', 'A key is declared twice in the same mapping.'), msg('Xoá một trong hai dòng trùng.', 'Delete one of the two lines.'));
    }
    const first = err.message.split('\n')[0];
    return formatFinding('yamlSyntax', where, msg(`Lỗi cú pháp YAML: ${first}`, `YAML syntax error: ${first}`), msg('Kiểm tra thụt lề (dùng dấu cách, không dùng tab) và dấu ":" sau mỗi khoá.', 'Check indentation (spaces, not tabs) and the ":" after each key.'));
  });
}

/**
 * Where an unclosed quote opens: the parser notices it only at the end of the file, which is
 * no help to the person who has to fix it. The quoted token that runs up to the error starts there.
 */
function openingQuote(text: string, errorAt: number): number {
  let found = errorAt;
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    CST.visit(token, (item) => {
      for (const n of [item.key, item.value]) {
        if (n && (n.type === 'double-quoted-scalar' || n.type === 'single-quoted-scalar') && n.offset <= errorAt && errorAt <= n.offset + n.source.length) {
          found = Math.min(found, n.offset);
        }
      }
    });
  }
  return found;
}

export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
