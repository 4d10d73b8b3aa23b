// Edits → new file texts, through the same comment-keeping writers `add` and the audit use:
// a status is spliced into its entry (audit/status-writer.ts) and moved people are appended
// to the staff list (names/staff-entry.ts), so every other byte of an agency file stays as
// written. A new agency file starts with the schema line like every file in the directory.
// Pure over texts: the caller reads and writes.
import { Document, isMap, isScalar, isSeq, parseDocument, type Scalar, type YAMLMap } from 'yaml';
import { applySplices, setStatuses, type EntryPath } from '../audit/status-writer.js';
import type { FormerDomain, Status } from '../model/types.js';
import { appendStaff, type NewPerson } from '../names/staff-entry.js';
import type { Edit } from './plan.js';

const SCHEMA_LINE = '# yaml-language-server: $schema=../../../schema/agency.schema.json\n';

const agencyFile = (id: string) => `agencies/${id}.yaml`;

function newAgencyText(edit: Extract<Edit, { kind: 'create-agency' }>): string {
  const a = edit.agency;
  const doc = new Document({ id: a.id, name: a.name, kind: a.kind, ...(a.territory ? { territory: a.territory } : {}), mailbox: a.mailbox, maintainers: a.maintainers ?? [], establishedBy: a.establishedBy });
  const maintainers = doc.get('maintainers', true);
  if (isSeq(maintainers)) maintainers.flow = true;
  return SCHEMA_LINE + doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** `parent:` set or removed (a commune's district merged or abolished): rare, so the Document renders it. */
function setParent(text: string, parent: string | null): string {
  const doc = parseDocument(text);
  if (parent === null) doc.delete('parent');
  else doc.set('parent', parent);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

export const PROVINCE_FILE = 'province.yaml';

/**
 * An absorbed province's agency file under its archive id: the text as its maintainers wrote it
 * (comments, order, quoting), with only the id scalars replaced (the agency's, its parent's, and
 * re-keyed person ids) and a few lines added after each entry's `id:` saying what the addresses
 * are: the absorbed province's rule named them, not this one's, so each person gets a `legacy`
 * mark (and `importedFrom` when re-keyed) and the agency and its unit mailboxes an `exception`
 * citing the act. The naming rules then leave them alone (uniqueness, syntax, domain still apply).
 */
function archiveText(edit: Extract<Edit, { kind: 'copy-agency' }>): string {
  const text = edit.text;
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) throw new Error(`${edit.provenance}: ${doc.errors[0]?.message ?? 'not a mapping'}`);
  const splices: { start: number; end: number; insert: string }[] = [];
  const q = (v: string) => JSON.stringify(v);
  const because = `{ reason: ${q(edit.reason)}, reference: ${q(edit.reference)} }`;
  const lineEnd = (at: number) => {
    const nl = text.indexOf('\n', at);
    return nl === -1 ? text.length : nl;
  };
  /** Replace an entry's id scalar and add `lines` (key: value) after its line, at the id key's column. */
  const rewrite = (entry: YAMLMap, id: string | undefined, lines: string[]) => {
    const node = entry.get('id', true) as Scalar | undefined;
    if (!node?.range) return;
    if (id !== undefined) splices.push({ start: node.range[0], end: node.range[1], insert: id });
    if (entry.flow || !lines.length) return;
    const key = entry.items.find((p) => isScalar(p.key) && p.key.value === 'id')?.key as Scalar | undefined;
    const col = key?.range ? key.range[0] - (text.lastIndexOf('\n', key.range[0] - 1) + 1) : 0;
    const at = lineEnd(node.range[1]);
    splices.push({ start: at, end: at, insert: lines.map((l) => `\n${' '.repeat(col)}${l}`).join('') });
  };
  const root = doc.contents;
  const rootLines: string[] = [];
  // the former province's territory: its rules judge the archive until this province's cover it
  const territory = root.get('territory', true) as Scalar | undefined;
  if (territory?.range) splices.push({ start: territory.range[0], end: territory.range[1], insert: edit.territory });
  else rootLines.push(`territory: ${edit.territory}`);
  if (!root.has('exception')) rootLines.push(`exception: ${because}`);
  if (!root.has('establishedBy')) rootLines.push(`establishedBy: ${q(`${edit.reference} (${edit.provenance})`)}`);
  rewrite(root, edit.id, rootLines);
  const parent = root.get('parent', true) as Scalar | undefined;
  if (parent?.range) {
    if (edit.parent) splices.push({ start: parent.range[0], end: parent.range[1], insert: edit.parent });
    else {
      // The parent was not in the absorbed directory: the archive stands alone.
      const start = text.lastIndexOf('\n', parent.range[0] - 1) + 1;
      splices.push({ start, end: Math.min(lineEnd(parent.range[1]) + 1, text.length), insert: '' });
    }
  }
  const units = root.get('units', true);
  if (isSeq(units)) for (const u of units.items) if (isMap(u) && u.has('mailbox') && !u.has('exception')) rewrite(u, undefined, [`exception: ${because}`]);
  const staff = root.get('staff', true);
  if (isSeq(staff)) {
    for (const item of staff.items) {
      if (!isMap(item)) continue;
      const old = String(item.get('id'));
      const now = edit.personIds.get(old);
      const lines: string[] = [];
      if (now && !item.has('importedFrom')) lines.push(`importedFrom: ${q(`${edit.provenance}#${old}`)}`);
      if (!item.has('legacy') && item.has('mailbox')) lines.push(`legacy: { mailbox: ${q(String(item.get('mailbox')))}, reference: ${q(edit.reference)} }`);
      rewrite(item, now, lines);
    }
  }
  const out = applySplices(text, splices);
  // The source line goes after a leading schema comment, else first.
  const header = `# Lưu trữ khi sáp nhập tỉnh: ${edit.provenance} (id gốc: ${String(root.get('id'))}). Địa chỉ cũ là bí danh, rồi chuyển tiếp, rồi thu hồi.\n`;
  const first = out.startsWith('# yaml-language-server') ? out.indexOf('\n') + 1 : 0;
  return out.slice(0, first) + header + out.slice(first);
}

/** province.yaml with one more former domain (a flow item, so the rest of the file renders as written). */
function addFormerDomain(text: string, former: FormerDomain): string {
  const doc = parseDocument(text);
  let list = doc.get('formerDomains', true);
  if (!isSeq(list)) {
    list = doc.createNode([]);
    doc.set('formerDomains', list);
  }
  const seq = list as ReturnType<Document['createNode']> & { items: unknown[] };
  const item = doc.createNode(former);
  if (isMap(item)) item.flow = true;
  seq.items.push(item);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Apply `edits` to `files` (relative path → text); returns only the files that changed or were created. */
export function applyEdits(files: ReadonlyMap<string, string>, edits: readonly Edit[]): Map<string, string> {
  const out = new Map<string, string>();
  // Per file, in edit order: statuses in one pass, then the moved people in one append.
  const statuses = new Map<string, { path: EntryPath; status: Status }[]>();
  const appends = new Map<string, NewPerson[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const text = (path: string) => {
    const t = out.get(path) ?? files.get(path);
    if (t === undefined) throw new Error(`${path}: không có tệp / no such file`);
    return t;
  };
  for (const e of edits) {
    if (e.kind === 'create-agency') {
      out.set(agencyFile(e.agency.id), newAgencyText(e));
      continue;
    }
    if (e.kind === 'copy-agency') {
      out.set(agencyFile(e.id), archiveText(e));
      continue;
    }
    if (e.kind === 'former-domain') {
      out.set(PROVINCE_FILE, addFormerDomain(text(PROVINCE_FILE), e.former));
      continue;
    }
    const path = agencyFile(e.agency);
    if (e.kind === 'append-person') push(appends, path, e.person);
    else if (e.kind === 'agency-status') push(statuses, path, { path: { kind: 'agency' }, status: e.status });
    else if (e.kind === 'unit-status') push(statuses, path, { path: { kind: 'unit', id: e.unit }, status: e.status });
    else if (e.kind === 'person-status') push(statuses, path, { path: { kind: 'person', id: e.person }, status: e.status });
    else out.set(path, setParent(text(path), e.parent));
  }
  for (const [path, list] of statuses) out.set(path, setStatuses(text(path), list));
  for (const [path, people] of appends) out.set(path, appendStaff(text(path), people));
  return out;
}
