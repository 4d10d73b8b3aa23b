// Grandfathered addresses: a mailbox issued before the province adopted danhba, recorded once
// as data (`legacy: { mailbox, reference }`, written by `danhba import`). The naming rules skip
// it only while the person still has that very address: a new or changed address is held to
// the rule again.
import type { Agency, Person } from './types.js';

/** Whether the naming rule is waived for this person: a legacy mark whose address is still the mailbox. */
export function grandfathered(p: Person): boolean {
  return p.legacy !== undefined && p.legacy.mailbox.toLowerCase() === p.mailbox.toLowerCase();
}

/** Grandfathered mailboxes of an agency that are still in use (not revoked): what a migration has left to do. */
export function legacyCount(agency: Agency): number {
  let n = 0;
  for (const p of agency.staff) if (grandfathered(p) && p.status.state !== 'revoked') n++;
  return n;
}
