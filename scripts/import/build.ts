// The import itself, pure over the loaded directory: each source row is checked (address,
// domain, duplicate, agency), matched to a person already in the directory (by address, then
// by provenance) or given a new stable id, and the result is a set of file edits plus a report.
// Nothing is written here (write.ts does that, all files or none).
import { readFileSync } from 'node:fs';
import type { Agency, Directory, Locs, Person } from '../model/types.js';
import { expectations } from '../names/person.js';
import { appendStaff, nextPersonId, type NewPerson } from '../names/staff-entry.js';
import { codePointLabel, firstInvisible, firstMarkup } from '../model/text-safety.js';
import type { ProvinceProfile } from '../profiles/types.js';
import { AgencyIndex } from './assign.js';
import type { SourceRow } from './row.js';
import type { Imported, ImportState } from './state.js';
import { updateStaff, type FieldUpdates } from './yaml-edit.js';

export type RefusalReason = 'missing-address' | 'bad-address' | 'wrong-domain' | 'duplicate' | 'organisation' | 'missing-name' | 'bad-text' | 'unknown-agency';

export interface Refusal {
  where: string;
  reason: RefusalReason;
  detail: string;
}

export interface Conflict {
  id: string;
  mailbox: string;
  field: string;
  /** The value in git (kept). */
  kept: string | undefined;
  /** The value the source has now (not written). */
  source: string | undefined;
}

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: Refusal[];
  conflicts: Conflict[];
  /** New people whose address does not follow today's rule: written with a `legacy` mark. */
  legacy: { id: string; agency: string; mailbox: string; expected?: string }[];
  /** Per agency: rows imported into it. */
  perAgency: Record<string, number>;
  /** Spreadsheet columns no field claimed. */
  unknownHeaders: string[];
}

export interface ImportPlan {
  report: ImportReport;
  /** Agency file (absolute path) → its new text. */
  files: Map<string, string>;
  state: ImportState;
}

export interface ImportOptions {
  /** Recorded in every legacy mark: which import it was (e.g. "Nhập từ LDAP 2026-12-01"). */
  reference: string;
  state: ImportState;
  /** Absolute path of an agency file (`agency.file` is relative to the working directory). */
  resolveFile: (agency: Agency) => string;
}

const ADDRESS = /^[a-z0-9]+(\.[a-z0-9]+)*@[a-z0-9.-]+$/;
const PHONE = /^[0-9+() .-]{3,40}$/;
const NOWHERE = { self: { file: '', line: 1, col: 1 } } as Locs;

type Draft = NewPerson & { agency: Agency };

const fieldsOf = (p: { name?: string; title?: string; phone?: string; unit?: string; mailbox: string }): Imported => ({
  mailbox: p.mailbox,
  ...(p.name ? { name: p.name } : {}),
  ...(p.title ? { title: p.title } : {}),
  ...(p.phone ? { phone: p.phone } : {}),
  ...(p.unit ? { unit: p.unit } : {}),
});

/** New person ids in the province's own pattern (names/staff-entry), counted on from its highest: one scan, not one per person. */
export class Ids {
  private readonly taken: Set<string>;
  private readonly prefix: string;
  private readonly width: number;
  private n: number;
  constructor(all: string[], fallback: string) {
    this.taken = new Set(all);
    const first = nextPersonId([], all, fallback);
    const m = /^(.*)-(\d+)$/.exec(first)!;
    this.prefix = m[1];
    this.width = m[2].length;
    this.n = Number(m[2]);
  }
  /** Mark an id as used (kept by someone else) so next() never gives it. */
  take(id: string): void {
    this.taken.add(id);
  }
  next(): string {
    let id: string;
    while (this.taken.has((id = `${this.prefix}-${String(this.n).padStart(this.width, '0')}`))) this.n++;
    this.taken.add(id);
    return id;
  }
}

export async function planImport(dir: Directory, profile: ProvinceProfile, rows: AsyncIterable<SourceRow>, o: ImportOptions): Promise<ImportPlan> {
  const report: ImportReport = { rows: 0, created: 0, updated: 0, unchanged: 0, refused: [], conflicts: [], legacy: [], perAgency: {}, unknownHeaders: [] };
  const index = new AgencyIndex(dir);
  const domain = profile.domain.toLowerCase();
  const byMailbox = new Map<string, { person: Person; agency: Agency }>();
  const byOrigin = new Map<string, { person: Person; agency: Agency }>();
  for (const agency of dir.agencies) {
    for (const person of agency.staff) {
      byMailbox.set(person.mailbox.toLowerCase(), { person, agency });
      if (person.importedFrom) byOrigin.set(person.importedFrom, { person, agency });
    }
  }
  const seen = new Map<string, string>();
  const drafts: Draft[] = [];
  const updates = new Map<Agency, FieldUpdates>();
  const state: ImportState = { people: { ...o.state.people } };
  const ids = new Ids(dir.agencies.flatMap((a) => a.staff.map((p) => p.id)), profile.id);
  const refuse = (row: SourceRow, reason: RefusalReason, detail: string) => report.refused.push({ where: row.where, reason, detail });

  for await (const row of rows) {
    report.rows++;
    const v = row.values;
    // Invisible characters (zero-width, bidi overrides, controls) and markup never reach a file:
    // the loader would refuse the file, and a reviewer could not see them.
    const unsafe = (Object.entries(v) as [string, string][]).map(([f, x]) => [f, firstInvisible(x) ?? firstMarkup(x)] as const).find(([, hit]) => hit);
    if (unsafe) {
      refuse(row, 'bad-text', `${unsafe[0]}: ký tự ${codePointLabel(unsafe[1]!.char)} không được phép / character ${codePointLabel(unsafe[1]!.char)} is not allowed`);
      continue;
    }
    const mail = v.mail?.toLowerCase();
    if (!mail) {
      refuse(row, 'missing-address', 'không có địa chỉ thư / no address');
      continue;
    }
    if (!ADDRESS.test(mail)) {
      refuse(row, 'bad-address', `"${mail}": chỉ chữ thường không dấu, chữ số, dấu chấm / only a-z, 0-9 and dots`);
      continue;
    }
    if (!mail.endsWith('@' + domain)) {
      refuse(row, 'wrong-domain', `${mail}: không thuộc / not in @${domain}`);
      continue;
    }
    const first = seen.get(mail);
    if (first) {
      refuse(row, 'duplicate', `${mail}: trùng với / same address as ${first}`);
      continue;
    }
    seen.set(mail, row.where);
    if (index.organisation.has(mail)) {
      refuse(row, 'organisation', `${mail}: hộp thư của cơ quan/đơn vị ${index.organisation.get(mail)!.id}, không phải cá nhân / an agency or unit mailbox, not a person`);
      continue;
    }
    const name = v.name ?? ([v.family, v.given].filter(Boolean).join(' ') || undefined);
    if (!name) {
      refuse(row, 'missing-name', `${mail}: không có họ tên / no name`);
      continue;
    }
    const existing = byMailbox.get(mail) ?? byOrigin.get(row.source);
    const place = existing ? { agency: existing.agency, unit: existing.agency.units.find((u) => u.id === existing.person.unit) } : index.place({ agency: v.agency, unit: v.unit, mail });
    if (!place) {
      const missing = index.missingFile({ agency: v.agency, unit: v.unit, mail });
      refuse(
        row,
        'unknown-agency',
        missing
          ? `${mail}: cơ quan "${missing}" có trong phụ lục nhưng chưa có agencies/${missing}.yaml — tạo tệp (kind, maintainers) rồi nhập lại / appendix agency "${missing}" has no agencies/${missing}.yaml yet: create it (kind, maintainers), then re-import`
          : `${mail}: không khớp cơ quan nào trong phụ lục / matches no agency file or appendix row${v.agency ? ` ("${v.agency}")` : ''}`,
      );
      continue;
    }
    const phone = v.phone && PHONE.test(v.phone) ? v.phone : undefined;
    const now: Imported = fieldsOf({ name, title: v.title, phone, unit: place.unit?.id, mailbox: mail });
    report.perAgency[place.agency.id] = (report.perAgency[place.agency.id] ?? 0) + 1;

    if (!existing) {
      drafts.push({ agency: place.agency, id: '', name, title: v.title, unit: place.unit?.id, phone, mailbox: mail, importedFrom: row.source });
      continue;
    }
    // Three-way: the source's value replaces git's only where git still has what the last import wrote.
    const p = existing.person;
    const before = state.people[p.id];
    const git = fieldsOf({ name: p.name, title: p.title, phone: p.phone, unit: p.unit, mailbox: p.mailbox.toLowerCase() });
    const set: Record<string, string | undefined> = {};
    const next: Imported = { ...git };
    for (const f of ['name', 'title', 'phone', 'unit', 'mailbox'] as const) {
      if (now[f] === git[f]) continue;
      const untouched = before ? before[f] === git[f] : git[f] === undefined;
      if (untouched && f !== 'mailbox') {
        set[f] = now[f];
        if (now[f] === undefined) delete next[f];
        else next[f] = now[f]!;
      } else report.conflicts.push({ id: p.id, mailbox: p.mailbox, field: f, kept: git[f], source: now[f] });
    }
    if (Object.keys(set).length) {
      let u = updates.get(existing.agency);
      if (!u) updates.set(existing.agency, (u = new Map()));
      u.set(p.id, set);
      report.updated++;
    } else report.unchanged++;
    state.people[p.id] = next;
  }

  // Ids in source order, numbered on from the province's highest.
  for (const d of drafts) d.id = ids.next();
  markLegacy(dir, profile, drafts, o.reference, report);
  report.created = drafts.length;
  for (const d of drafts) state.people[d.id] = fieldsOf(d);

  const files = new Map<string, string>();
  const byAgency = new Map<Agency, Draft[]>();
  for (const d of drafts) byAgency.set(d.agency, [...(byAgency.get(d.agency) ?? []), d]);
  for (const agency of new Set([...byAgency.keys(), ...updates.keys()])) {
    const file = o.resolveFile(agency);
    let text = readFileSync(file, 'utf8');
    text = updateStaff(text, updates.get(agency) ?? new Map());
    text = appendStaff(text, (byAgency.get(agency) ?? []).map(({ agency: _, ...p }) => p));
    files.set(file, text);
  }
  return { report, files, state };
}

/**
 * New people whose address is not the one today's rule gives them (worked out over the whole
 * directory with them in it, as the rules do) get `legacy: { mailbox, reference }`.
 */
function markLegacy(dir: Directory, profile: ProvinceProfile, drafts: Draft[], reference: string, report: ImportReport): void {
  if (!drafts.length) return;
  const people = new Map<Person, Draft>();
  const added = new Map<Agency, Person[]>();
  for (const d of drafts) {
    const p: Person = { id: d.id, name: d.name, mailbox: d.mailbox, public: true, status: { state: 'active' }, at: NOWHERE as Person['at'], ...(d.unit ? { unit: d.unit } : {}) };
    people.set(p, d);
    added.set(d.agency, [...(added.get(d.agency) ?? []), p]);
  }
  const withNew: Directory = { ...dir, agencies: dir.agencies.map((a) => (added.has(a) ? { ...a, staff: [...a.staff, ...added.get(a)!] } : a)) };
  const expected = new Map<Person, string | undefined>();
  for (const e of expectations(withNew, profile.naming, profile.domain)) expected.set(e.person, e.expected.address);
  for (const [p, d] of people) {
    const rule = expected.get(p);
    if (rule !== undefined && rule === p.mailbox) continue;
    d.legacy = { mailbox: d.mailbox, reference };
    report.legacy.push({ id: d.id, agency: d.agency.id, mailbox: d.mailbox, ...(rule ? { expected: rule } : {}) });
  }
}
