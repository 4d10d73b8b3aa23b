// Writing a status into an agency file without disturbing the rest of it, like `add` does for
// new staff (names/staff-entry.ts): the `yaml` Document API finds the entry and the byte range
// of its `status`; only that range is replaced (or a `status:` block inserted after the entry's
// last key), so comments, key order, quoting and blank lines elsewhere stay byte for byte.
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Status } from '../model/types.js';
import { indentedYaml } from '../names/staff-entry.js';

/** Which entry of the agency file: the agency itself, a unit or a person, by id. */
export type EntryPath = { kind: 'agency' } | { kind: 'unit'; id: string } | { kind: 'person'; id: string };

function plain(s: Status): Record<string, string> {
  const out: Record<string, string> = { state: s.state };
  for (const k of ['aliasFrom', 'from', 'until', 'forwardTo', 'reason', 'reference'] as const) if (s[k]) out[k] = s[k]!;
  return out;
}

/** `status:` and its fields as block YAML at the given indentation. */
function render(s: Status, indent: number): string {
  return indentedYaml({ status: plain(s) }, indent);
}

/** Entries of a parsed file by id, built once per list (a reorganisation sets thousands in one file). */
type EntryIndex = WeakMap<Document, Map<string, YAMLMap>>;
const indexes: EntryIndex = new WeakMap();

function findEntry(doc: Document, path: EntryPath): YAMLMap {
  const root = doc.contents;
  if (!isMap(root)) throw new Error('agency file is not a mapping');
  if (path.kind === 'agency') return root;
  const key = path.kind === 'unit' ? 'units' : 'staff';
  const list = root.get(key, true);
  if (!isSeq(list)) throw new Error(`no ${key} list`);
  let index = indexes.get(doc);
  if (!index) indexes.set(doc, (index = new Map()));
  if (!index.has(`${key}:`)) {
    index.set(`${key}:`, root);
    // The first entry of an id wins, as the linear search did.
    for (const item of list.items) if (isMap(item) && !index.has(`${key}:${String(item.get('id'))}`)) index.set(`${key}:${String(item.get('id'))}`, item);
  }
  const found = index.get(`${key}:${path.id}`);
  if (!found) throw new Error(`no ${path.kind} with id "${path.id}"`);
  return found;
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
/** Offset just after the end of the line holding `at` (its trailing comment included). */
const afterLine = (text: string, at: number) => {
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl + 1;
};

/** Where the entry's status goes in `text`: a range to replace (empty to insert) and its new text. */
export interface Splice {
  start: number;
  end: number;
  insert: string;
}

/** The splice that sets the entry's status, or undefined for a flow mapping (no block layout to follow). */
function statusSplice(text: string, doc: Document, path: EntryPath, status: Status): Splice | undefined {
  const entry = findEntry(doc, path);
  const pairs = entry.items as Pair<Node, Node | null>[];
  if (entry.flow || pairs.length === 0 || !pairs[0].key?.range) return undefined;
  const firstKey = pairs[0].key!.range!;
  const indent = firstKey[0] - lineStart(text, firstKey[0]);
  const existing = pairs.find((p) => isScalar(p.key) && p.key.value === 'status');
  if (existing?.key?.range) {
    // Replace from the line of `status:` to the end of its value's last line.
    const start = lineStart(text, existing.key.range[0]);
    const valueEnd = existing.value?.range ? existing.value.range[1] : existing.key.range[1];
    const end = afterLine(text, Math.max(valueEnd - 1, existing.key.range[1]));
    return { start, end, insert: render(status, existing.key.range[0] - start) };
  }
  // No status yet: the agency's goes before its units/staff lists; an item's after its last key.
  let at: number;
  if (path.kind === 'agency') {
    const before = pairs.find((p) => isScalar(p.key) && (p.key.value === 'units' || p.key.value === 'staff'));
    at = before?.key?.range ? lineStart(text, before.key.range[0]) : text.length;
  } else {
    const last = pairs[pairs.length - 1];
    const end = last.value?.range ? last.value.range[1] : last.key!.range![1];
    at = afterLine(text, Math.max(end - 1, 0));
  }
  const sep = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
  return { start: at, end: at, insert: sep + render(status, indent) };
}

/**
 * Non-overlapping splices applied in one pass, in order of position: linear in the text, where
 * re-slicing the whole text per splice was quadratic (a 5,000-person file, 10,000 splices).
 */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const sp of sorted) {
    parts.push(text.slice(at, sp.start), sp.insert);
    at = Math.max(at, sp.end);
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** The agency file's text with the entry's status set to `status`. */
export function setStatus(text: string, path: EntryPath, status: Status): string {
  return setStatuses(text, [{ path, status }]);
}

/**
 * Several statuses in one pass: the file is parsed once and the splices applied from the end,
 * so a reorganisation that forwards 2,000 people of one agency costs one parse, not 2,000.
 */
export function setStatuses(text: string, edits: readonly { path: EntryPath; status: Status }[]): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(doc.errors[0].message);
  const splices: Splice[] = [];
  const flow: { path: EntryPath; status: Status }[] = [];
  for (const e of edits) {
    const splice = statusSplice(text, doc, e.path, e.status);
    if (splice) splices.push(splice);
    else flow.push(e);
  }
  let out = applySplices(text, splices);
  // A flow mapping ({ id: …, … }) has no block layout to follow: let the Document render it.
  for (const e of flow) {
    const d = parseDocument(out);
    findEntry(d, e.path).set('status', d.createNode(plain(e.status)));
    out = d.toString({ lineWidth: 0 });
  }
  return out;
}
