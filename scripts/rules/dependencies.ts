// What an agency file's findings can depend on outside that file, as keys. Incremental
// validation (incremental.ts) re-runs the rules on the agencies whose findings can depend on a
// changed file, so every cross-file lookup a rule makes must be covered here. The keys
// over-approximate: an extra link only makes a run slower, never different.
//
// `owns`: keys two agencies depend on each other through (both ways):
//   g:<id>           the agency's id (duplicate ids; the agency a child's `parent` finds)
//   a:<address>      every mailbox it holds and every forwardTo it writes, in lower case
//                    (address-unique, forward-target; forward-loop and forward-chain, where even
//                    the mailbox that first reaches a loop decides where the loop is reported)
//   i:<person id>    person-id-unique
// `reads`: keys it depends on one way (on the agencies that own or name them):
//   g:<parent>       agency-references (chains, cycles), commune-address, unit-address, and
//                    the commune-suffix label of personal addresses
//   a:<address>      each step of its people's collision sequences, up to STEPS of them
//                    (person-address, person-collision, collision-choice read who holds them)
//   w:<label>        beyond STEPS (open-ended numbering): every address ending in `.<label>`
//                    (`w:` alone, every address, where addresses carry no agency part)
// `names`: w:<suffix> for each dot-suffix of each address it holds (and `w:`), what a `w:` read
//   reaches.
// Keys are kept as 32-bit hashes: a collision adds a link, never removes one.
import { localPart, mailboxesOf } from '../model/mailboxes.js';
import type { Agency, Directory } from '../model/types.js';
import { partsOf } from '../names/parse.js';
import { personVariants } from '../names/person.js';
import type { ProvinceProfile } from '../profiles/types.js';

/** Collision steps read one by one; a longer sequence reads its whole label. */
const STEPS = 8;

/** Each list sorted ascending. */
export interface AgencyKeys {
  owns: Int32Array;
  reads: Int32Array;
  names: Int32Array;
}

/** FNV-1a over UTF-16 code units. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}

export function agencyKeys(agency: Agency, dir: Directory, profile: ProvinceProfile): AgencyKeys {
  const owns = new Set<number>();
  const reads = new Set<number>();
  const names = new Set<number>();
  owns.add(keyHash(`g:${agency.id}`));
  if (agency.parent) reads.add(parentKey(agency.parent));
  for (const m of mailboxesOf(agency)) {
    const address = m.address.toLowerCase();
    owns.add(keyHash(`a:${address}`));
    if (m.status.forwardTo) owns.add(keyHash(`a:${m.status.forwardTo.toLowerCase()}`));
    const local = localPart(address);
    names.add(keyHash('w:'));
    for (let i = local.indexOf('.'); i !== -1; i = local.indexOf('.', i + 1)) names.add(keyHash(`w:${local.slice(i + 1)}`));
  }
  const { naming, domain } = profile;
  for (const person of agency.staff) {
    owns.add(keyHash(`i:${person.id}`));
    const parsed = partsOf(person);
    if (!parsed.ok) continue;
    let n = 0;
    for (const v of personVariants(naming, parsed.parts, agency, dir, domain)) {
      if (++n > STEPS) {
        reads.add(keyHash(`w:${(naming.person.agencyPart?.label(agency, dir) ?? '').toLowerCase()}`));
        break;
      }
      if (v.address) reads.add(keyHash(`a:${v.address.toLowerCase()}`));
    }
  }
  // sorted: incremental.ts tests two key lists for a common key in one merge pass
  return { owns: Int32Array.from(owns).sort(), reads: Int32Array.from(reads).sort(), names: Int32Array.from(names).sort() };
}

/** The read key of a `parent` field (the owner of `g:<parent>` is that agency). */
export function parentKey(parent: string): number {
  return keyHash(`g:${parent}`);
}
