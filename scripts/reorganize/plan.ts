// A checked mapping + the directory → what to write, and the account of every old address.
// Pure: no files are read or written here. People move to the receiving agency keeping their
// stable id; their new address is the one the province's rule gives there, taking the
// profile's collision order against everything already held (two Nguyễn Văn Minh from two
// merged communes are namesakes in the new one). The old entries stay and forward; an
// abolished agency's mailbox forwards to the address the mapping names. The rules are those in
// force on the effective date (profiles/versions.ts) in the territory concerned: the receiving
// agency's for a new address, the old agency's for how long its addresses forward. A province
// merge's agencies are in the former province's territory (`territory`), so its rules apply
// there until a regulation of the receiving province covers it.
import { Ids } from '../import/build.js';
import { addMonths } from '../model/dates.js';
import { localPart } from '../model/mailboxes.js';
import type { Agency, Directory, FormerDomain, Person, Status } from '../model/types.js';
import { partsOf } from '../names/parse.js';
import type { NewPerson } from '../names/staff-entry.js';
import { addHolder, holderKeys, suggestAddress } from '../names/person.js';
import type { ProvinceProfile } from '../profiles/types.js';
import { formerTerritory, profileInForce } from '../profiles/versions.js';
import { archiveId, receiver, type Change, type Mapping, type NewAgency, type ProvinceMerge } from './mapping.js';

/**
 * Months an absorbed province's addresses stay aliases of the new mailboxes when neither the
 * act nor the mapping file gives a number: danhba policy, no regulation sets it (the 2025
 * resolution leaves the transition to the provinces). Printed as such by `reorganize`.
 */
export const POLICY_TRANSITION_MONTHS = 6;

/** An absorbed province's directory as read for a merge-province change (reorganize/source.ts). */
export interface AbsorbedDirectory {
  /** Its agencies, ids as in its own files. */
  agencies: Agency[];
  /** Agency file texts by id: copied into the archive files with every comment. */
  texts: Map<string, string>;
  /** Where it was read, for provenance (e.g. `directory/hanam.gov.vn`). */
  label: string;
}

export type Outcome = 'forwarded' | 'moved' | 'revoked' | 'kept' | 'needs-decision';

/** What happens to one address that existed before the reorganisation. */
export interface AddressFate {
  address: string;
  kind: 'agency' | 'unit' | 'person';
  agency: string;
  outcome: Outcome;
  /** The new address (moved people) or the forward target. */
  to?: string;
  /** Province merge: the old address is an alias of `to` until this day, then forwards. */
  aliasUntil?: string;
  /** The day the old address is revoked (end of its forward). */
  until?: string;
  personId?: string;
  note?: string;
}

export type Edit =
  /** `territory`: the former province the new agency is in (profiles/versions.ts), when not the province's own. */
  | { kind: 'create-agency'; agency: NewAgency & { establishedBy: string; territory?: string } }
  /** An absorbed province's agency file kept under the archive id, comments and all, in its former province's territory. */
  | { kind: 'copy-agency'; id: string; text: string; parent?: string; territory: string; personIds: Map<string, string>; provenance: string; reason: string; reference: string }
  | { kind: 'former-domain'; former: FormerDomain }
  | { kind: 'agency-status'; agency: string; status: Status }
  | { kind: 'unit-status'; agency: string; unit: string; status: Status }
  | { kind: 'person-status'; agency: string; person: string; status: Status }
  | { kind: 'append-person'; agency: string; person: NewPerson }
  | { kind: 'set-parent'; agency: string; parent: string | null };

export interface ReorganisationPlan {
  /** Edits grouped by the change they come from, in mapping order: one commit each. */
  steps: { change: Change; title: string; edits: Edit[] }[];
  fates: AddressFate[];
  /** What the reviewer must know that is not an address (a danhba-policy number used). */
  notes: { vi: string; en: string }[];
}

export interface PlanOptions {
  /** The absorbed directories of merge-province changes, by domain. */
  absorbed?: ReadonlyMap<string, AbsorbedDirectory>;
  /** Months an old personal / agency address forwards; default from the profile. */
  personForwardMonths?: number;
  agencyForwardMonths?: number;
}

function forwardMonths(profile: ProvinceProfile, o: PlanOptions): { person: number; agency: number } {
  const { forwardAfterTransferMonths: transfer, forwardAfterRenameMonths: rename } = profile.limits;
  const person = o.personForwardMonths ?? transfer ?? rename;
  const agency = o.agencyForwardMonths ?? rename ?? transfer;
  if (person === undefined || agency === undefined) {
    throw new Error(`${profile.name}: quy định không nêu thời hạn chuyển tiếp — cần --forward-months / the regulation sets no forwarding period: pass --forward-months`);
  }
  return { person, agency };
}

function title(change: Change): string {
  const into = receiver(change);
  if (change.kind === 'merge') return `sáp nhập ${change.from.join(', ')} → ${into!.id}`;
  if (change.kind === 'rename') return `đổi tên ${change.from[0]} → ${into!.id}`;
  if (change.kind === 'merge-province') return `nhập ${change.name ?? change.domain} (${change.domain})`;
  return `giải thể ${change.from[0]} (chuyển tiếp tới ${change.forwardTo})`;
}

/** An in-memory agency for the receiving side, so the naming rule can label its staff. */
function modelAgency(n: NewAgency, file: string, territory: string | undefined): Agency {
  const self = { file, line: 1, col: 1 };
  return { id: n.id, name: n.name!, kind: n.kind!, mailbox: n.mailbox!, maintainers: n.maintainers ?? [], ...(territory ? { territory } : {}), units: [], staff: [], status: { state: 'active' }, file, at: { self } };
}

const live = (p: Person, day: string) => p.status.state === 'active' && (!p.status.from || p.status.from <= day);

export function planReorganisation(dir: Directory, profile: ProvinceProfile, mapping: Mapping, options: PlanOptions = {}): ReorganisationPlan {
  const notes: ReorganisationPlan['notes'] = [];
  const from = mapping.effective;
  // the act in force on the effective date in a territory (undefined: the province's own)
  const inForce = (territory: string | undefined) => profileInForce(profile, from, territory);
  const monthsIn = new Map<string | undefined, { person: number; agency: number }>();
  const monthsOf = (territory: string | undefined) => monthsIn.get(territory) ?? monthsIn.set(territory, forwardMonths(inForce(territory), options)).get(territory)!;
  monthsOf(undefined); // no period in the province's own rules and none given: refused before anything else
  const reason = mapping.basis.title ?? 'Sắp xếp đơn vị hành chính';
  const reference = mapping.basis.reference;
  const forwarding = (to: string, m: number): Status => ({ state: 'forwarding', from, until: addMonths(from, m), forwardTo: to, reason, reference });
  const revoked: Status = { state: 'revoked', from, reason, reference };

  // A working copy: agencies created by the mapping join it, moved people are appended, so
  // each later suggestion sees every address issued before it.
  const work: Directory = { ...dir, agencies: [...dir.agencies] };
  const byId = new Map(work.agencies.map((a) => [a.id, a]));
  const fates: AddressFate[] = [];
  const steps: ReorganisationPlan['steps'] = [];
  // Every address held, kept up to date as people are given new ones (one pass, not one per person).
  const keys = holderKeys(dir);

  /** The receiving agency: an existing one as it is, else a new one in `territory` (the former province it serves). */
  const ensureReceiver = (n: NewAgency, edits: Edit[], territory?: string): Agency => {
    const existing = byId.get(n.id);
    if (existing) return existing;
    const agency = modelAgency(n, `agencies/${n.id}.yaml`, territory);
    edits.push({ kind: 'create-agency', agency: { ...n, establishedBy: `${reference} (${mapping.basis.date})`, ...(territory ? { territory } : {}) } });
    work.agencies.push(agency);
    addHolder(keys, agency.mailbox);
    byId.set(agency.id, agency);
    return agency;
  };

  /** The status of an old address leaving `old`: its forward lasts what its territory's act gives. */
  type Leaving = (to: string, kind: 'person' | 'organisation', old: Agency) => Status;
  const transferred: Leaving = (to, kind, old) => forwarding(to, kind === 'person' ? monthsOf(old.territory).person : monthsOf(old.territory).agency);
  const fateDates = (s: Status) => ({ ...(s.aliasFrom ? { aliasUntil: s.from } : {}), ...(s.until ? { until: s.until } : {}) });

  const movePeople = (old: Agency, target: Agency, edits: Edit[], leaving: Leaving = transferred, provenance?: (p: Person) => string) => {
    old.staff.forEach((p, i) => {
      if (!live(p, from)) {
        fates.push({ address: p.mailbox, kind: 'person', agency: old.id, outcome: 'kept', personId: p.id, note: `trạng thái ${p.status.state}` });
        return;
      }
      const parsed = partsOf(p);
      const address = parsed.ok ? suggestAddress(work, inForce(target.territory).naming, profile.domain, parsed.parts, target, p.name, keys).variant.address : undefined;
      if (!address) {
        fates.push({ address: p.mailbox, kind: 'person', agency: old.id, outcome: 'needs-decision', personId: p.id, note: 'quy tắc cần quyết định của quản trị (trùng tên) / the rule needs an administrator' });
        return;
      }
      const importedFrom = provenance?.(p);
      const moved: NewPerson = { id: p.id, name: p.name, nameParts: p.nameParts, title: p.title, phone: p.phone, mailbox: address, employment: p.employment, ...(p.public ? {} : { public: false }), quotaMB: p.quotaMB, ...(importedFrom ? { importedFrom } : {}) };
      const status = leaving(address, 'person', old);
      edits.push({ kind: 'append-person', agency: target.id, person: moved });
      edits.push({ kind: 'person-status', agency: old.id, person: p.id, status });
      target.staff.push({ ...p, mailbox: address, unit: undefined, exception: undefined, legacy: undefined, status: { state: 'active' } });
      addHolder(keys, address, p.name);
      fates.push({ address: p.mailbox, kind: 'person', agency: old.id, outcome: 'moved', to: address, ...fateDates(status), personId: p.id, note: p.unit ? `đơn vị "${p.unit}" không chuyển theo` : undefined });
    });
  };

  const retireOrganisation = (old: Agency, to: string, edits: Edit[], leaving: Leaving = transferred) => {
    const status = leaving(to, 'organisation', old);
    edits.push({ kind: 'agency-status', agency: old.id, status });
    fates.push({ address: old.mailbox, kind: 'agency', agency: old.id, outcome: 'forwarded', to, ...fateDates(status) });
    if (old.adminMailbox) fates.push({ address: old.adminMailbox, kind: 'agency', agency: old.id, outcome: 'forwarded', to, ...fateDates(status), note: 'hộp thư quản trị theo trạng thái cơ quan' });
    old.units.forEach((u) => {
      if (!u.mailbox) return;
      edits.push({ kind: 'unit-status', agency: old.id, unit: u.id, status });
      fates.push({ address: u.mailbox, kind: 'unit', agency: old.id, outcome: 'forwarded', to, ...fateDates(status) });
    });
  };

  // Person ids across the province and the provinces it absorbs: one that clashes is re-keyed in the receiving province's pattern.
  const ids = new Ids(dir.agencies.flatMap((a) => a.staff.map((p) => p.id)), profile.id);
  const usedIds = new Set(dir.agencies.flatMap((a) => a.staff.map((p) => p.id)));

  const mergeProvince = (change: ProvinceMerge, edits: Edit[]) => {
    const absorbed = options.absorbed?.get(change.domain);
    if (!absorbed) throw new Error(`${change.domain}: chưa đọc thư mục của tỉnh nhập vào / the absorbed directory was not read`);
    const transition = change.transitionMonths ?? POLICY_TRANSITION_MONTHS;
    if (change.transitionMonths === undefined) {
      notes.push({
        vi: `${change.domain}: địa chỉ cũ là bí danh ${transition} tháng — mặc định của danhba (chính sách, không có văn bản quy định); đặt transitionMonths theo văn bản của tỉnh.`,
        en: `${change.domain}: old addresses stay aliases for ${transition} months — a danhba-policy default (no regulation sets it); set transitionMonths from the province's act.`,
      });
    }
    const forwardFrom = addMonths(from, transition);
    // Its agencies (archive and new) are in the former province's territory: its rules apply there
    // until a regulation of this province covers it (profiles/versions.ts; agency-territory knows
    // it from the formerDomains entry this change writes).
    const territory = formerTerritory(change.domain);
    const months = monthsOf(territory);
    const leaving: Leaving = (to, kind) => ({ state: 'forwarding', aliasFrom: from, from: forwardFrom, until: addMonths(forwardFrom, kind === 'person' ? months.person : months.agency), forwardTo: to, reason: `${reason}: nhập ${change.name ?? change.domain}`, reference });
    // Ids: a person keeps theirs unless the receiving province (or an earlier absorbed one) has it.
    const rekey = new Map<string, string>();
    for (const a of absorbed.agencies) {
      for (const p of a.staff) {
        if (rekey.has(p.id) || usedIds.has(p.id)) continue;
        rekey.set(p.id, p.id);
        ids.take(p.id);
      }
    }
    for (const a of absorbed.agencies) for (const p of a.staff) if (!rekey.has(p.id)) rekey.set(p.id, ids.next());
    for (const now of rekey.values()) usedIds.add(now);
    const original = new Map([...rekey].map(([old, now]) => [now, old]));
    const archived = new Set(absorbed.agencies.map((a) => archiveId(change, a.id)));
    for (const a of absorbed.agencies) {
      const id = archiveId(change, a.id);
      if (byId.has(id)) throw new Error(`${change.domain}: id lưu trữ "${id}" đã là một cơ quan của tỉnh — đặt prefix khác / archive id "${id}" is already an agency of the province: set another prefix`);
      const personIds = new Map([...new Set(a.staff.map((p) => p.id))].filter((pid) => rekey.get(pid) !== pid).map((pid) => [pid, rekey.get(pid)!]));
      const parent = a.parent && archived.has(archiveId(change, a.parent)) ? archiveId(change, a.parent) : undefined;
      const provenance = `${absorbed.label}/agencies/${a.id}.yaml`;
      edits.push({ kind: 'copy-agency', id, text: absorbed.texts.get(a.id)!, parent, territory, personIds, provenance, reason: `Địa chỉ của ${change.name ?? change.domain} trước sáp nhập, theo quy tắc đặt tên của tỉnh đó`, reference });
      const archive: Agency = { ...a, id, parent, territory, file: `agencies/${id}.yaml`, staff: a.staff.map((p) => ({ ...p, id: rekey.get(p.id)! })) };
      work.agencies.push(archive);
      byId.set(id, archive);
    }
    for (const a of absorbed.agencies) {
      const archive = byId.get(archiveId(change, a.id))!;
      const spec = change.agencies[a.id];
      let target: Agency;
      if (typeof spec === 'string') target = byId.get(spec)!;
      else if (spec) target = ensureReceiver(spec, edits, territory);
      else {
        // Unlisted: a new agency of the same name, the same local part under this domain where free.
        const agencyId = byId.has(a.id) ? `${a.id}-${change.prefix}` : a.id;
        const local = localPart(a.mailbox);
        const mailbox = keys.has(`${local}@${profile.domain}`) && !byId.has(agencyId) ? `${local}.${change.prefix}@${profile.domain}` : `${local}@${profile.domain}`;
        target = ensureReceiver({ id: agencyId, name: a.name, kind: a.kind, mailbox, maintainers: a.maintainers }, edits, territory);
      }
      movePeople(archive, target, edits, leaving, (p) => `${absorbed.label}/agencies/${a.id}.yaml#${original.get(p.id)}`);
      retireOrganisation(archive, target.mailbox, edits, leaving);
    }
    const untils = fates.filter((f) => f.until && archived.has(f.agency)).map((f) => f.until!);
    const until = untils.reduce((x, y) => (y > x ? y : x), addMonths(forwardFrom, Math.max(months.person, months.agency)));
    edits.push({ kind: 'former-domain', former: { domain: change.domain, ...(change.name ? { name: change.name } : {}), until, reference } });
  };

  for (const change of mapping.changes) {
    const edits: Edit[] = [];
    if (change.kind === 'merge-province') {
      mergeProvince(change, edits);
      steps.push({ change, title: title(change), edits });
      continue;
    }
    const into = receiver(change);
    // A new agency made of agencies of one territory stays in it (communes of the former Hà Nam merged).
    const territories = new Set(change.from.map((id) => byId.get(id)?.territory));
    const intoTerritory = territories.size === 1 ? [...territories][0] : undefined;
    const target = into ? ensureReceiver(into, edits, intoTerritory) : change.kind === 'abolish' && change.staffTo ? byId.get(change.staffTo) : undefined;
    for (const id of change.from) {
      const old = byId.get(id)!;
      if (target && target.id !== old.id) movePeople(old, target, edits);
      else if (!target) {
        old.staff.forEach((p, i) => {
          if (!live(p, from)) return void fates.push({ address: p.mailbox, kind: 'person', agency: old.id, outcome: 'kept', personId: p.id, note: `trạng thái ${p.status.state}` });
          edits.push({ kind: 'person-status', agency: old.id, person: p.id, status: revoked });
          fates.push({ address: p.mailbox, kind: 'person', agency: old.id, outcome: 'revoked', personId: p.id });
        });
      }
      if (target?.id !== old.id) retireOrganisation(old, change.kind === 'abolish' ? change.forwardTo : target!.mailbox, edits);
      // Children of a merged or renamed agency follow it; of an abolished one, they lose the level.
      for (const child of work.agencies) {
        if (child.parent !== id || change.from.includes(child.id) || mapping.changes.some((c) => c.from.includes(child.id))) continue;
        edits.push({ kind: 'set-parent', agency: child.id, parent: target && change.kind !== 'abolish' ? target.id : null });
      }
    }
    steps.push({ change, title: title(change), edits });
  }
  // The receiving agencies' own addresses are new: nothing of theirs is lost.
  return { steps, fates, notes };
}
