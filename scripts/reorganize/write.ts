// Edits → new file texts, through the same comment-keeping writers `add` and the audit use:
// a status is spliced into its entry (audit/status-writer.ts) and moved people are appended
// to the staff list (names/staff-entry.ts), so every other byte of an agency file stays as
// written. A new agency file starts with the schema line like every file in the directory.
// Pure over texts: the caller reads and writes.
import { Document, isSeq, parseDocument } from 'yaml';
import { setStatuses, type EntryPath } from '../audit/status-writer.js';
import type { Status } from '../model/types.js';
import { appendStaff, type NewPerson } from '../names/staff-entry.js';
import type { Edit } from './plan.js';

const SCHEMA_LINE = '# yaml-language-server: $schema=../../../schema/agency.schema.json\n';

const agencyFile = (id: string) => `agencies/${id}.yaml`;

function newAgencyText(edit: Extract<Edit, { kind: 'create-agency' }>): string {
  const a = edit.agency;
  const doc = new Document({ id: a.id, name: a.name, kind: a.kind, mailbox: a.mailbox, maintainers: a.maintainers ?? [], establishedBy: a.establishedBy });
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

/** Apply `edits` to `files` (relative path → text); returns only the files that changed or were created. */
export function applyEdits(files: ReadonlyMap<string, string>, edits: readonly Edit[]): Map<string, string> {
  const out = new Map<string, string>();
  // Per file, in edit order: statuses in one pass, then the moved people in one append.
  const statuses = new Map<string, { path: EntryPath; status: Status }[]>();
  const appends = new Map<string, NewPerson[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value]);
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
