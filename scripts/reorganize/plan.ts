// A checked mapping + the directory → what to write, and the account of every old address.
// Pure: no files are read or written here. People move to the receiving agency keeping their
// stable id; their new address is the one the province's rule gives there, taking the
// profile's collision order against everything already held (two Nguyễn Văn Minh from two
// merged communes are namesakes in the new one). The old entries stay and forward; an
// abolished agency's mailbox forwards to the address the mapping names.
import { addMonths } from '../model/dates.js';
import type { Agency, Directory, Person, Status } from '../model/types.js';
import { partsOf } from '../names/parse.js';
import type { NewPerson } from '../names/staff-entry.js';
import { addHolder, holderKeys, suggestAddress } from '../names/person.js';
import type { ProvinceProfile } from '../profiles/types.js';
import { receiver, type Change, type Mapping, type NewAgency } from './mapping.js';

export type Outcome = 'forwarded' | 'moved' | 'revoked' | 'kept' | 'needs-decision';

/** What happens to one address that existed before the reorganisation. */
export interface AddressFate {
  address: string;
  kind: 'agency' | 'unit' | 'person';
  agency: string;
  outcome: Outcome;
  /** The new address (moved people) or the forward target. */
  to?: string;
  personId?: string;
  note?: string;
}

export type Edit =
  | { kind: 'create-agency'; agency: NewAgency & { establishedBy: string } }
  | { kind: 'agency-status'; agency: string; status: Status }
  | { kind: 'unit-status'; agency: string; unit: string; status: Status }
  | { kind: 'person-status'; agency: string; person: string; status: Status }
  | { kind: 'append-person'; agency: string; person: NewPerson }
  | { kind: 'set-parent'; agency: string; parent: string | null };

export interface ReorganisationPlan {
  /** Edits grouped by the change they come from, in mapping order: one commit each. */
  steps: { change: Change; title: string; edits: Edit[] }[];
  fates: AddressFate[];
}

export interface PlanOptions {
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
  return `giải thể ${change.from[0]} (chuyển tiếp tới ${change.forwardTo})`;
}

/** An in-memory agency for the receiving side, so the naming rule can label its staff. */
function modelAgency(n: NewAgency, file: string): Agency {
  const self = { file, line: 1, col: 1 };
  return { id: n.id, name: n.name!, kind: n.kind!, mailbox: n.mailbox!, maintainers: n.maintainers ?? [], units: [], staff: [], status: { state: 'active' }, file, at: { self } };
}

const live = (p: Person, day: string) => p.status.state === 'active' && (!p.status.from || p.status.from <= day);

export function planReorganisation(dir: Directory, profile: ProvinceProfile, mapping: Mapping, options: PlanOptions = {}): ReorganisationPlan {
  const months = forwardMonths(profile, options);
  const from = mapping.effective;
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

  const ensureReceiver = (n: NewAgency, edits: Edit[]): Agency => {
    const existing = byId.get(n.id);
    if (existing) return existing;
    const agency = modelAgency(n, `agencies/${n.id}.yaml`);
    edits.push({ kind: 'create-agency', agency: { ...n, establishedBy: `${reference} (${mapping.basis.date})` } });
    work.agencies.push(agency);
    addHolder(keys, agency.mailbox);
    byId.set(agency.id, agency);
    return agency;
  };

  const movePeople = (old: Agency, target: Agency, edits: Edit[]) => {
    old.staff.forEach((p, i) => {
      if (!live(p, from)) {
        fates.push({ address: p.mailbox, kind: 'person', agency: old.id, outcome: 'kept', personId: p.id, note: `trạng thái ${p.status.state}` });
        return;
      }
      const parsed = partsOf(p);
      const address = parsed.ok ? suggestAddress(work, profile.naming, profile.domain, parsed.parts, target, p.name, keys).variant.address : undefined;
      if (!address) {
        fates.push({ address: p.mailbox, kind: 'person', agency: old.id, outcome: 'needs-decision', personId: p.id, note: 'quy tắc cần quyết định của quản trị (trùng tên) / the rule needs an administrator' });
        return;
      }
      const moved: NewPerson = { id: p.id, name: p.name, nameParts: p.nameParts, title: p.title, phone: p.phone, mailbox: address, employment: p.employment, ...(p.public ? {} : { public: false }), quotaMB: p.quotaMB };
      edits.push({ kind: 'append-person', agency: target.id, person: moved });
      edits.push({ kind: 'person-status', agency: old.id, person: p.id, status: forwarding(address, months.person) });
      target.staff.push({ ...p, mailbox: address, unit: undefined, exception: undefined, status: { state: 'active' } });
      addHolder(keys, address, p.name);
      fates.push({ address: p.mailbox, kind: 'person', agency: old.id, outcome: 'moved', to: address, personId: p.id, note: p.unit ? `đơn vị "${p.unit}" không chuyển theo` : undefined });
    });
  };

  const retireOrganisation = (old: Agency, to: string, edits: Edit[]) => {
    edits.push({ kind: 'agency-status', agency: old.id, status: forwarding(to, months.agency) });
    fates.push({ address: old.mailbox, kind: 'agency', agency: old.id, outcome: 'forwarded', to });
    if (old.adminMailbox) fates.push({ address: old.adminMailbox, kind: 'agency', agency: old.id, outcome: 'forwarded', to, note: 'hộp thư quản trị theo trạng thái cơ quan' });
    old.units.forEach((u, i) => {
      if (!u.mailbox) return;
      edits.push({ kind: 'unit-status', agency: old.id, unit: u.id, status: forwarding(to, months.agency) });
      fates.push({ address: u.mailbox, kind: 'unit', agency: old.id, outcome: 'forwarded', to });
    });
  };

  for (const change of mapping.changes) {
    const edits: Edit[] = [];
    const into = receiver(change);
    const target = into ? ensureReceiver(into, edits) : change.kind === 'abolish' && change.staffTo ? byId.get(change.staffTo) : undefined;
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
  return { steps, fates };
}
