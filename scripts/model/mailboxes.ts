// Every address the directory issues, flattened: uniqueness, syntax, forwarding, LDAP and the
// site all walk this one list instead of re-walking agencies, units and staff.
import type { Agency, Directory, Loc, Person, Status, Unit } from './types.js';

export type MailboxKind = 'agency' | 'admin' | 'unit' | 'person';

export interface MailboxRef {
  readonly address: string;
  readonly kind: MailboxKind;
  readonly agency: Agency;
  readonly unit?: Unit;
  readonly person?: Person;
  readonly status: Status;
  /** Where the address is written (built on demand: most mailboxes are never reported). */
  readonly loc: Loc;
}

class Ref implements MailboxRef {
  constructor(
    readonly address: string,
    readonly kind: MailboxKind,
    readonly agency: Agency,
    readonly status: Status,
    readonly unit?: Unit,
    readonly person?: Person,
  ) {}

  get loc(): Loc {
    if (this.person) return this.person.at.mailbox ?? this.person.at.self;
    if (this.unit) return (this.kind === 'admin' ? this.unit.at.adminMailbox : this.unit.at.mailbox) ?? this.unit.at.self;
    return (this.kind === 'admin' ? this.agency.at.adminMailbox : this.agency.at.mailbox) ?? this.agency.at.self;
  }
}

export function* mailboxesOf(agency: Agency): Generator<MailboxRef> {
  yield new Ref(agency.mailbox, 'agency', agency, agency.status);
  if (agency.adminMailbox) yield new Ref(agency.adminMailbox, 'admin', agency, agency.status);
  for (const unit of agency.units) {
    if (unit.mailbox) yield new Ref(unit.mailbox, 'unit', agency, unit.status, unit);
    if (unit.adminMailbox) yield new Ref(unit.adminMailbox, 'admin', agency, unit.status, unit); // Huế Điều 4.2.c
  }
  for (const person of agency.staff) yield new Ref(person.mailbox, 'person', agency, person.status, undefined, person);
}

// Rules each walk every mailbox; build the list once per directory. The shape key (agencies,
// units, staff) rebuilds it when entries are added or removed, e.g. by `add` or a test.
const lists = new WeakMap<Directory, { shape: string; refs: MailboxRef[] }>();

function shapeOf(dir: Directory): string {
  let units = 0;
  let staff = 0;
  for (const a of dir.agencies) {
    units += a.units.length;
    staff += a.staff.length;
  }
  return `${dir.agencies.length}/${units}/${staff}`;
}

export function allMailboxes(dir: Directory): readonly MailboxRef[] {
  const shape = shapeOf(dir);
  const cached = lists.get(dir);
  if (cached?.shape === shape) return cached.refs;
  const refs = dir.agencies.flatMap((a) => [...mailboxesOf(a)]);
  lists.set(dir, { shape, refs });
  return refs;
}

export function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? address : address.slice(0, at);
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? '' : address.slice(at + 1);
}
