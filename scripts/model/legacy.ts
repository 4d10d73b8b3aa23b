// Grandfathered addresses: a mailbox issued before the province adopted danhba, recorded once
// as data (`legacy: { mailbox, reference }`, written by `danhba import`). The naming rules skip
// it only while the person still has that very address: a new or changed address is held to
// the rule again.
import type { Person } from './types.js';

/** Whether the naming rule is waived for this person: a legacy mark whose address is still the mailbox. */
export function grandfathered(p: Person): boolean {
  return p.legacy !== undefined && p.legacy.mailbox.toLowerCase() === p.mailbox.toLowerCase();
}

