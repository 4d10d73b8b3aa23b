// Writing a new person into an agency file without disturbing anything else in it: the
// `yaml` Document API finds where the staff list ends and renders the new entry; the file's
// own text is kept byte for byte around it (comments, order, quoting, flow style).
import { Document, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import type { NameParts } from '../model/types.js';

export interface NewPerson {
  id: string;
  name: string;
  nameParts?: NameParts;
  title?: string;
  unit?: string;
  phone?: string;
  mailbox: string;
  exception?: { reason: string; reference: string };
  /** Grandfathered address and provenance, written by `danhba import`. */
  legacy?: { mailbox: string; reference: string };
  importedFrom?: string;
  /** Kept when a person moves agency (`danhba reorganize`). */
  employment?: { type: 'permanent' | 'contract'; months?: number };
  public?: boolean;
  quotaMB?: number;
}

/** Plain object in the key order the example files use. */
function plain(p: NewPerson): Record<string, unknown> {
  const out: Record<string, unknown> = { id: p.id, name: p.name };
  if (p.nameParts) out.nameParts = p.nameParts;
  if (p.title) out.title = p.title;
  if (p.unit) out.unit = p.unit;
  if (p.phone) out.phone = p.phone;
  out.mailbox = p.mailbox;
  if (p.employment) out.employment = p.employment;
  if (p.public === false) out.public = false;
  if (p.quotaMB !== undefined) out.quotaMB = p.quotaMB;
  if (p.exception) out.exception = p.exception;
  if (p.legacy) out.legacy = p.legacy;
  if (p.importedFrom) out.importedFrom = p.importedFrom;
  return out;
}

function render(people: NewPerson[], indent: number): string {
  return indentedYaml(people.map(plain), indent);
}

/** `value` as block YAML, every line indented by `indent` spaces: text to splice into a file. */
export function indentedYaml(value: unknown, indent: number): string {
  const text = new Document(value).toString({ lineWidth: 0 });
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => pad + l + '\n')
    .join('');
}

/** Column of the "-" that starts a block sequence item. */
function itemIndent(text: string, itemStart: number): number {
  const lineStart = text.lastIndexOf('\n', itemStart - 1) + 1;
  const dash = text.indexOf('-', lineStart);
  return dash >= 0 && dash < itemStart ? dash - lineStart : 2;
}

/** The agency file's text with `person` (or several, in order) appended at the end of its `staff` list. */
export function appendStaff(text: string, person: NewPerson | NewPerson[]): string {
  const people = Array.isArray(person) ? person : [person];
  if (!people.length) return text;
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(doc.errors[0].message);
  const staff = doc.get('staff', true);
  if (staff === undefined) {
    const sep = text.endsWith('\n') ? '' : '\n';
    return `${text}${sep}staff:\n${render(people, 2)}`;
  }
  if (!isSeq(staff)) throw new Error('"staff" is not a list');
  const seq = staff as YAMLSeq;
  const last = seq.items.at(-1) as { range?: [number, number, number] } | undefined;
  if (seq.flow || !last?.range) {
    // `staff: []` or a flow list: no block layout to follow, so let the Document render it.
    seq.flow = false;
    for (const p of people) seq.items.push(doc.createNode(plain(p)));
    return doc.toString({ lineWidth: 0 });
  }
  const first = seq.items[0] as { range: [number, number, number] };
  const at = last.range[2];
  const sep = text[at - 1] === '\n' ? '' : '\n';
  return text.slice(0, at) + sep + render(people, itemIndent(text, first.range[0])) + text.slice(at);
}

/**
 * A new stable person id following the province's own pattern (`hue-0007` after `hue-1501`
 * is `hue-1502`): the prefix most used in the agency (else the province, else `fallback`),
 * numbered one past the highest number in the province, same width.
 */
export function nextPersonId(agencyIds: string[], provinceIds: string[], fallback: string): string {
  const pattern = /^([a-z][a-z0-9]*)-(\d+)$/;
  const prefix = mostCommon(agencyIds, pattern) ?? mostCommon(provinceIds, pattern) ?? fallback;
  let max = 0;
  let width = 4;
  for (const id of provinceIds) {
    const m = pattern.exec(id);
    if (m && m[1] === prefix) {
      max = Math.max(max, Number(m[2]));
      width = Math.max(width, m[2].length);
    }
  }
  const taken = new Set(provinceIds);
  let n = max + 1;
  while (taken.has(`${prefix}-${String(n).padStart(width, '0')}`)) n++;
  return `${prefix}-${String(n).padStart(width, '0')}`;
}

function mostCommon(ids: string[], pattern: RegExp): string | undefined {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const m = pattern.exec(id);
    if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}
