// Decisions that belong to a province administrator even inside an agency's own file. A
// maintainer may edit their agency's people, but an `exception` (or a grandfathered `legacy`
// address) switches rules off — naming, collision order, the quarantine — and an address in
// another agency's namespace takes what is theirs. With only the agency reviewing its own pull
// request, both would pass unseen; `check-authors` refuses them unless the actor administers
// the province, and `diff` flags them for the reviewer.
import { mailboxesOf } from '../model/mailboxes.js';
import type { Agency } from '../model/types.js';
import { diffAgencies, type MailboxChange } from './changeset.js';
import { mailboxRecords } from './records.js';

/**
 * Fields whose addition or change only a province administrator may make. One entry per
 * field: a new administrator-only field is one more line here (it must be a field that
 * records.ts compares, so the diff shows its changes).
 */
export const ADMIN_ONLY_FIELDS = [
  'exception',
  'legacy',
  'territory', // which version of the rules judges the agency (profiles/versions.ts)
] as const;

export type AdminOnlyChange =
  | { reason: 'field'; field: (typeof ADMIN_ONLY_FIELDS)[number]; value: unknown; change: MailboxChange }
  | { reason: 'namespace'; owner: { id: string; name: string }; change: MailboxChange };

const localOf = (address: string) => address.slice(0, address.lastIndexOf('@')).toLowerCase();
const domainOfAddress = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/**
 * The other agency whose namespace an address is in: it holds the very address, or the
 * address's part after the first dot is that agency's own mailbox name (`vp.sct@`,
 * `nvan.sct@`, `admin.sct@` are Sở Công Thương's whoever writes them) under the same domain
 * (after a province merge, `vp.stttt@hanam.gov.vn` is not Ninh Bình's `stttt@ninhbinh.gov.vn`'s).
 */
export function foreignOwner(address: string, agencyId: string, agencies: readonly Agency[]): Agency | undefined {
  const local = localOf(address);
  const tail = local.includes('.') ? local.slice(local.indexOf('.') + 1) : undefined;
  const domain = domainOfAddress(address);
  for (const a of agencies) {
    if (a.id === agencyId) continue;
    if (tail !== undefined && tail === localOf(a.mailbox) && domain === domainOfAddress(a.mailbox)) return a;
    for (const m of mailboxesOf(a)) if (m.address.toLowerCase() === address.toLowerCase()) return a;
  }
  return undefined;
}

/**
 * Administrator-only changes between two versions of a province's agencies: an added or
 * changed administrator-only field (removing one is fine), and a created or readdressed
 * mailbox in another agency's namespace (judged against the agencies of both sides).
 */
export function adminOnlyChanges(base: readonly Agency[], head: readonly Agency[]): AdminOnlyChange[] {
  const out: AdminOnlyChange[] = [];
  const headRecords = mailboxRecords(head);
  const everyone = [...base, ...head];
  for (const group of diffAgencies(base, head).agencies) {
    for (const c of group.changes) {
      if (c.change === 'removed') continue;
      for (const field of ADMIN_ONLY_FIELDS) {
        const value = c.change === 'created' ? headRecords.get(c.key)?.fields[field] : c.fields.find((f) => f.field === field)?.after;
        if (value !== undefined) out.push({ reason: 'field', field, value, change: c });
      }
      if (c.change === 'created' || c.previousAddress !== undefined) {
        const owner = foreignOwner(c.address, c.agency, everyone);
        if (owner) out.push({ reason: 'namespace', owner: { id: owner.id, name: owner.name }, change: c });
      }
    }
  }
  return out;
}
