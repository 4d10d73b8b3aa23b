// YAML text → plain values plus a map from JSON pointer to source position, so any value
// (and any schema error about it) can be reported at file:line:col. Aliases are resolved here
// with a hard budget: a YAML "billion laughs" file becomes one finding, not an OOM.
import { Alias, LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Document } from 'yaml';
import { msg } from '../i18n.js';
import type { Finding } from '../rules/finding.js';
import type { Loc } from '../model/types.js';
import { formatFinding } from './format-rules.js';

export const MAX_ALIASES = 16;

export interface YamlTree {
  value: unknown;
  /** Location of the value at a JSON pointer (`/staff/3/mailbox`); the key's position for map entries. */
  locate(pointer: string): Loc;
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

  const offsets = new Map<string, number>();
  let aliasesSeen = 0;
  let aliasAt = 0;
  const walk = (node: Node | null | undefined, pointer: string, depth: number): unknown => {
    if (node == null) return null;
    if (node instanceof Alias) {
      aliasesSeen++;
      aliasAt = node.range?.[0] ?? 0;
      if (aliasesSeen > MAX_ALIASES || depth > 64) throw new AliasBudgetExceeded();
      return walk(node.resolve(doc) as Node | undefined, pointer, depth + 1);
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const child = `${pointer}/${escapePointer(key)}`;
        offsets.set(child, (pair.key as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0);
        out[key] = walk(pair.value as Node | null, child, depth);
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        const child = `${pointer}/${i}`;
        offsets.set(child, (item as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0);
        return walk(item as Node | null, child, depth);
      });
    }
    return isScalar(node) ? node.value : null;
  };

  let value: unknown;
  try {
    value = walk(doc.contents as Node | null, '', 0);
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
  const locate = (pointer: string): Loc => {
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const offset = offsets.get(p);
      if (offset !== undefined) return loc(offset);
      if (p === '') return loc(rootOffset);
    }
  };
  return { tree: { value, locate }, findings };
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
