// `danhba suggest --migrate <address>`: for a grandfathered (legacy) address, the address
// today's rule gives its holder (worked out over the whole directory, as the rules do) and the
// forwarding period the profile sets for the old one, so a province can plan its migration.
import { addMonths } from '../model/dates.js';
import { grandfathered } from '../model/legacy.js';
import type { Agency, Directory, Person } from '../model/types.js';
import { expectations } from '../names/person.js';
import { cite, type ProvinceProfile } from '../profiles/types.js';

export interface Migration {
  person: Person;
  agency: Agency;
  legacy: boolean;
  /** The rule's address; undefined when the next step is the administrator's decision. */
  address?: string;
  /** Months the old address forwards; undefined when the regulation sets none. */
  months?: number;
  from: string;
  until?: string;
  citation?: string;
  forwardCitation?: string;
}

export function migrationFor(dir: Directory, profile: ProvinceProfile, address: string, today: string): Migration | undefined {
  const key = address.trim().toLowerCase();
  let found: { person: Person; agency: Agency } | undefined;
  for (const agency of dir.agencies) for (const person of agency.staff) if (!found && person.mailbox.toLowerCase() === key && person.status.state !== 'revoked') found = { person, agency };
  if (!found) return undefined;
  const e = expectations(dir, profile.naming, profile.domain).find((x) => x.person === found!.person);
  // A person's old address forwards for the transfer period (the forward-period rule's figure for people).
  const months = profile.limits.forwardAfterTransferMonths ?? profile.limits.forwardAfterRenameMonths;
  return {
    ...found,
    legacy: grandfathered(found.person),
    ...(e?.expected.address ? { address: e.expected.address } : {}),
    ...(months !== undefined ? { months, until: addMonths(today, months) } : {}),
    from: today,
    citation: cite(profile, 'personAddress'),
    forwardCitation: cite(profile, 'forwardPeriod'),
  };
}
