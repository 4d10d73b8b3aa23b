// Edits → new file texts, through the `yaml` Document API so each agency file keeps its
// comments, key order and flow lists; a new agency file starts with the schema line like
// every file in the directory. Each file is parsed once and rendered once per call, however
// many edits touch it (a merged commune may have thousands). Pure over texts: the caller
// reads and writes.
import { Document, isMap, isScalar, isSeq, parseDocument, YAMLSeq } from 'yaml';
import type { Edit, MovedPerson } from './plan.js';

const SCHEMA_LINE = '# yaml-language-server: $schema=../../../schema/agency.schema.json\n';

const agencyFile = (id: string) => `agencies/${id}.yaml`;

// Render like the hand-written files: `[a, b]` without inner padding, no wrapping.
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

function setIn(doc: Document, path: (string | number)[], value: unknown): void {
  if (value === null) return void doc.deleteIn(path);
  const isNewTopKey = path.length === 1 && !doc.has(path[0]);
  doc.setIn(path, doc.createNode(value));
  if (isNewTopKey) placeBeforeLists(doc, String(path[0]));
}

/** The fields of a moved person, in the key order the example files use. */
function personFields(p: MovedPerson): Record<string, unknown> {
  const out: Record<string, unknown> = { id: p.id, name: p.name };
  if (p.nameParts) out.nameParts = p.nameParts;
  if (p.title) out.title = p.title;
  if (p.phone) out.phone = p.phone;
  out.mailbox = p.mailbox;
  if (p.employment) out.employment = p.employment;
  if (p.public === false) out.public = false;
  if (p.quotaMB !== undefined) out.quotaMB = p.quotaMB;
  return out;
}

function appendPerson(doc: Document, p: MovedPerson): void {
  let staff = doc.get('staff', true);
  if (!isSeq(staff)) {
    staff = new YAMLSeq();
    doc.set('staff', staff);
  }
  const seq = staff as YAMLSeq;
  seq.flow = false;
  const node = doc.createNode(personFields(p));
  if (isMap(node)) for (const pair of node.items) if (isMap(pair.value)) pair.value.flow = true; // nameParts on one line
  seq.items.push(node);
}

function newAgencyDoc(edit: Extract<Edit, { kind: 'create-agency' }>): Document {
  const a = edit.agency;
  const doc = new Document({ id: a.id, name: a.name, kind: a.kind, mailbox: a.mailbox, maintainers: a.maintainers ?? [], establishedBy: a.establishedBy });
  const maintainers = doc.get('maintainers', true);
  if (isSeq(maintainers)) maintainers.flow = true;
  return doc;
}

/** Apply `edits` to `files` (relative path → text); returns only the files that changed or were created. */
export function applyEdits(files: ReadonlyMap<string, string>, edits: readonly Edit[]): Map<string, string> {
  const docs = new Map<string, { doc: Document; created: boolean }>();
  const open = (path: string): Document => {
    const known = docs.get(path);
    if (known) return known.doc;
    const text = files.get(path);
    if (text === undefined) throw new Error(`${path}: không có tệp / no such file`);
    const doc = parseDocument(text);
    if (doc.errors.length) throw new Error(`${path}: ${doc.errors[0].message}`);
    docs.set(path, { doc, created: false });
    return doc;
  };
  for (const e of edits) {
    if (e.kind === 'create-agency') {
      docs.set(agencyFile(e.agency.id), { doc: newAgencyDoc(e), created: true });
      continue;
    }
    const doc = open(agencyFile(e.agency));
    if (e.kind === 'agency-status') setIn(doc, ['status'], e.status);
    else if (e.kind === 'unit-status') setIn(doc, ['units', e.unit, 'status'], e.status);
    else if (e.kind === 'person-status') setIn(doc, ['staff', e.person, 'status'], e.status);
    else if (e.kind === 'set-parent') setIn(doc, ['parent'], e.parent);
    else appendPerson(doc, e.person);
  }
  return new Map([...docs].map(([path, { doc, created }]) => [path, (created ? SCHEMA_LINE : '') + doc.toString(RENDER)]));
}
