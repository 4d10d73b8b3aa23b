// Edits → new file texts, through the `yaml` Document API so each agency file keeps its
// comments, key order and flow lists; a new agency file starts with the schema line like
// every file in the directory. Pure over texts: the caller reads and writes.
import { Document, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { appendStaff } from '../names/staff-entry.js';
import type { Edit, MovedPerson } from './plan.js';

const SCHEMA_LINE = '# yaml-language-server: $schema=../../../schema/agency.schema.json\n';

const agencyFile = (id: string) => `agencies/${id}.yaml`;

// Render like the hand-written files: `[a, b]`, `{ k: v }` without inner padding, no wrapping.
const RENDER = { lineWidth: 0, flowCollectionPadding: false } as const;

/** A new top-level key goes before the `units`/`staff` lists, with the agency's own fields. */
function placeBeforeLists(doc: Document, key: string): void {
  const root = doc.contents;
  if (!isMap(root)) return;
  const name = (i: number) => String(isScalar(root.items[i].key) ? root.items[i].key.value : root.items[i].key);
  const from = root.items.findIndex((_, i) => name(i) === key);
  const lists = root.items.findIndex((_, i) => name(i) === 'units' || name(i) === 'staff');
  if (from < 0 || lists < 0 || lists > from) return;
  const [pair] = root.items.splice(from, 1);
  root.items.splice(lists, 0, pair);
}

function setIn(text: string, path: (string | number)[], value: unknown): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(doc.errors[0].message);
  if (value === null) doc.deleteIn(path);
  else {
    const node = doc.createNode(value);
    const isNewTopKey = path.length === 1 && !doc.has(path[0]);
    doc.setIn(path, node);
    if (isNewTopKey) placeBeforeLists(doc, String(path[0]));
  }
  return doc.toString(RENDER);
}

function newAgencyText(edit: Extract<Edit, { kind: 'create-agency' }>): string {
  const a = edit.agency;
  const body: Record<string, unknown> = { id: a.id, name: a.name, kind: a.kind, mailbox: a.mailbox, maintainers: a.maintainers ?? [], establishedBy: a.establishedBy };
  const doc = new Document(body);
  const maintainers = doc.get('maintainers', true);
  if (isSeq(maintainers)) maintainers.flow = true;
  return SCHEMA_LINE + doc.toString(RENDER);
}

function appendPerson(text: string, p: MovedPerson): string {
  // appendStaff writes the fields a new person has; moved people carry a few more.
  let out = appendStaff(text, { id: p.id, name: p.name, nameParts: p.nameParts, title: p.title, phone: p.phone, mailbox: p.mailbox });
  const extra: [string, unknown][] = [
    ['employment', p.employment],
    ['public', p.public],
    ['quotaMB', p.quotaMB],
  ];
  for (const [key, value] of extra) {
    if (value === undefined) continue;
    const doc = parseDocument(out);
    const staff = doc.get('staff', true);
    if (!isSeq(staff)) break;
    out = setIn(out, ['staff', staff.items.length - 1, key], value);
  }
  return out;
}

/** Apply `edits` to `files` (relative path → text); returns only the files that changed or were created. */
export function applyEdits(files: ReadonlyMap<string, string>, edits: readonly Edit[]): Map<string, string> {
  const out = new Map<string, string>();
  const text = (path: string) => {
    const t = out.get(path) ?? files.get(path);
    if (t === undefined) throw new Error(`${path}: không có tệp / no such file`);
    return t;
  };
  for (const e of edits) {
    switch (e.kind) {
      case 'create-agency':
        out.set(agencyFile(e.agency.id), newAgencyText(e));
        break;
      case 'agency-status':
        out.set(agencyFile(e.agency), setIn(text(agencyFile(e.agency)), ['status'], e.status));
        break;
      case 'unit-status':
        out.set(agencyFile(e.agency), setIn(text(agencyFile(e.agency)), ['units', e.unit, 'status'], e.status));
        break;
      case 'person-status':
        out.set(agencyFile(e.agency), setIn(text(agencyFile(e.agency)), ['staff', e.person, 'status'], e.status));
        break;
      case 'append-person':
        out.set(agencyFile(e.agency), appendPerson(text(agencyFile(e.agency)), e.person));
        break;
      case 'set-parent':
        out.set(agencyFile(e.agency), setIn(text(agencyFile(e.agency)), ['parent'], e.parent));
        break;
    }
  }
  return out;
}
