// Every address the directory issues, flattened: uniqueness, syntax, forwarding, LDAP and the
// site all walk this one list instead of re-walking agencies, units and staff.
import type { Agency, Directory, Loc, Person, Status, Unit } from './types.js';

export type MailboxKind = 'agency' | 'admin' | 'unit' | 'person';

export interface MailboxRef {
  address: string;
  kind: MailboxKind;
  agency: Agency;
  unit?: Unit;
  person?: Person;
  status: Status;
  loc: Loc;
}

export function* mailboxesOf(agency: Agency): Generator<MailboxRef> {
  yield { address: agency.mailbox, kind: 'agency', agency, status: agency.status, loc: agency.at.mailbox ?? agency.at.self };
  if (agency.adminMailbox) yield { address: agency.adminMailbox, kind: 'admin', agency, status: agency.status, loc: agency.at.adminMailbox ?? agency.at.self };
  for (const unit of agency.units) {
    if (unit.mailbox) yield { address: unit.mailbox, kind: 'unit', agency, unit, status: unit.status, loc: unit.at.mailbox ?? unit.at.self };
  }
  for (const person of agency.staff) {
    yield { address: person.mailbox, kind: 'person', agency, person, status: person.status, loc: person.at.mailbox ?? person.at.self };
  }
}

export function* allMailboxes(dir: Directory): Generator<MailboxRef> {
  for (const agency of dir.agencies) yield* mailboxesOf(agency);
}

export function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? address : address.slice(0, at);
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? '' : address.slice(at + 1);
}
