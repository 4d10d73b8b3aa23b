// A synthetic, valid province directory of N mailboxes, built in memory as the model (so the
// LDAP and site benchmarks can use it directly) and written as YAML by write.ts. Addresses are
// given by the province's own naming engine, in registration order, so collisions take the
// legal variants and, where the rule needs one, a recorded administrator exception.
import { foldJoined, foldWords } from '../names/fold.js';
import { holderKeys, holding, namesakeKey, personVariants, type Variant } from '../names/person.js';
import type { Agency, Directory, Locs, Person, Province, Unit } from '../model/types.js';
import type { ProvinceProfile } from '../profiles/types.js';
import { seeded, type Random } from './random.js';
import * as V from './vocabulary.js';

export interface GenerateOptions {
  profile: ProvinceProfile;
  mailboxes: number;
  seed?: number;
  /** Date used for scheduled/ended statuses. */
  today?: string;
}

const NOWHERE: Locs = { self: { file: '', line: 1, col: 1 } };
const SYNTHETIC_REFERENCE = 'Dữ liệu tổng hợp (danhba generate)';

function abbreviation(name: string): string {
  return foldWords(name)
    .filter((w) => w !== 'va')
    .map((w) => w[0])
    .join('');
}

function agency(id: string, name: string, kind: Agency['kind'], mailbox: string, domain: string, parent?: string): Agency {
  return {
    id, name, kind, parent, mailbox: `${mailbox}@${domain}`, maintainers: [`${id}-it`], status: { state: 'active' },
    units: [], staff: [], file: `agencies/${id}.yaml`, at: NOWHERE as Agency['at'],
  };
}

function unit(name: string, agencyLocal: string, domain: string, taken: Set<string>): Unit {
  let local = `${abbreviation(name)}.${agencyLocal}`;
  for (let n = 2; taken.has(local); n++) local = `${abbreviation(name)}${n}.${agencyLocal}`;
  taken.add(local);
  return { id: foldWords(name).join('-'), name, mailbox: `${local}@${domain}`, publicService: false, status: { state: 'active' }, at: NOWHERE as Unit['at'] };
}

/** A place name not used yet: two syllables while they last (625), then three (15,625), then numbered. */
function uniquePlace(rnd: Random, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const syllables = [rnd.pick(V.PLACE_FIRST), rnd.pick(V.PLACE_SECOND)];
    if (attempt >= 50) syllables.push(rnd.pick(V.PLACE_SECOND));
    if (attempt >= 200) syllables.push(String(attempt));
    const name = syllables.join(' ');
    const key = foldJoined(name);
    if (!used.has(key) && !/^(huongvan|huongphong|phuthuan)/.test(key)) {
      used.add(key);
      return name;
    }
  }
}

/** Provincial agencies, districts and communes, scaled with the number of mailboxes. */
function organisations(profile: ProvinceProfile, n: number, rnd: Random): Agency[] {
  const d = profile.domain;
  const out: Agency[] = [];
  const locals = new Set<string>();
  for (const name of V.PROVINCIAL_AGENCIES) {
    let local = abbreviation(name);
    while (locals.has(local)) local += foldJoined(name).slice(-1);
    locals.add(local);
    const a = agency(local, name, 'provincial', local, d);
    a.establishedBy = SYNTHETIC_REFERENCE;
    a.units = V.AGENCY_UNITS.map((u) => unit(u, local, d, locals));
    out.push(a);
  }
  const districts = 9 + Math.floor(n / 25_000);
  const communesPerDistrict = 12 + Math.floor(n / 20_000);
  const places = new Set<string>();
  // provinces whose regulation gives no commune rule (Cần Thơ, Đồng Nai) get <commune>.<district>
  const communeWithDistrict = profile.naming.places.commune?.withDistrict ?? true;
  for (let i = 0; i < districts; i++) {
    const place = uniquePlace(rnd, places);
    const local = foldJoined(place);
    const district = agency(local, `UBND huyện ${place}`, 'district', local, d);
    district.units = V.DISTRICT_UNITS.map((u) => unit(u, local, d, locals));
    district.establishedBy = SYNTHETIC_REFERENCE;
    out.push(district);
    for (let c = 0; c < communesPerDistrict; c++) {
      const cplace = uniquePlace(rnd, places); // unique in the province: Hưng Yên communes carry no district part
      const clocal = foldJoined(cplace);
      out.push(agency(`${clocal}-${local}`, `UBND xã ${cplace}`, 'commune', communeWithDistrict ? `${clocal}.${local}` : clocal, d, local));
    }
  }
  return out;
}

function personName(rnd: Random): string {
  const female = rnd.chance(0.5);
  const family = rnd.weighted(V.FAMILY);
  const middle = rnd.weighted(female ? V.MIDDLE_FEMALE : V.MIDDLE_MALE);
  return `${family} ${middle} ${rnd.pick(female ? V.GIVEN_FEMALE : V.GIVEN_MALE)}`;
}

/** Spread staff: provincial agencies 45 %, districts 30 %, communes 25 %. */
function staffTargets(agencies: Agency[], n: number): Map<Agency, number> {
  const share = { provincial: 0.45, district: 0.3, commune: 0.25 } as const;
  const counts = { provincial: 0, district: 0, commune: 0 };
  for (const a of agencies) counts[a.kind]++;
  const out = new Map<Agency, number>();
  let assigned = 0;
  for (const a of agencies) {
    const k = Math.floor((n * share[a.kind]) / counts[a.kind]);
    out.set(a, k);
    assigned += k;
  }
  for (let i = 0; assigned < n; i = (i + 1) % agencies.length, assigned++) out.set(agencies[i], out.get(agencies[i])! + 1);
  return out;
}

export function generateDirectory(options: GenerateOptions): Directory & { province: Province } {
  const { profile, mailboxes } = options;
  const naming = profile.naming;
  if (!naming) throw new Error(`profile ${profile.id} has no naming rules`);
  const rnd = seeded(options.seed ?? 1);
  const today = options.today ?? '2026-11-25';
  const agencies = organisations(profile, mailboxes, rnd);
  const dir: Directory & { province: Province } = { root: '', agencies, province: provinceOf(profile) };
  const organisationCount = agencies.reduce((s, a) => s + 1 + a.units.length, 0);
  const targets = staffTargets(agencies, Math.max(0, mailboxes - organisationCount));
  // Registration order is the validator's: agencies by file path, then staff in order.
  const ordered = [...agencies].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // Who holds each address (organisations so far), so namesakes move along the sequence and
  // a clash with another name goes to the administrator, as the validator expects.
  const keys = holderKeys(dir);
  const taken = { has: (address: string) => keys.has(address) };
  let serial = 0;
  for (const a of ordered) {
    for (let i = 0; i < targets.get(a)!; i++) {
      const name = personName(rnd);
      const words = name.split(' ');
      const parts = { family: words[0], middle: words.slice(1, -1), given: words[words.length - 1] };
      const variants = [...personVariants(naming, parts, a, dir, profile.domain)];
      const me = namesakeKey(name);
      let chosen: Variant | undefined;
      for (const v of variants) {
        const h = v.address ? holding(keys.get(v.address), me, false) : 'free';
        if (h === 'namesake') continue;
        chosen = h === 'free' ? v : { step: v.step, rule: { kind: 'admin', describe: { vi: 'trùng địa chỉ với người khác tên', en: 'clash with another name' } } };
        break;
      }
      chosen ??= variants[variants.length - 1];
      const person: Person = {
        id: `${profile.id}-${String(++serial).padStart(7, '0')}`,
        name,
        title: rnd.weighted(V.TITLES),
        unit: a.units.length && rnd.chance(0.7) ? rnd.pick(a.units).id : undefined,
        phone: rnd.chance(0.6) ? `0${200 + rnd.int(99)} ${String(rnd.int(10_000_000)).padStart(7, '0')}` : undefined,
        mailbox: chosen.address ?? adminChoice(variants, taken),
        public: !rnd.chance(0.01) || profile.personalMailboxesPublic === true, // Huế Điều 7.1: every personal mailbox public
        status: statusFor(rnd, today),
        at: NOWHERE as Person['at'],
      };
      if (!chosen.address) person.exception = { reason: `Trùng tên; quản trị chọn theo ${chosen.rule.describe.vi}`, reference: SYNTHETIC_REFERENCE };
      const held = keys.get(person.mailbox);
      if (held) held.push(me);
      else keys.set(person.mailbox, [me]);
      a.staff.push(person);
    }
  }
  return dir;
}

/** The administrator's pick when the rule runs out: the rule's first address plus a number. */
function adminChoice(variants: { address?: string }[], taken: { has(address: string): boolean }): string {
  const base = variants.find((v) => v.address)!.address!;
  const [local, domain] = base.split('@');
  const [name, ...rest] = local.split('.');
  for (let n = 2; ; n++) {
    const candidate = [`${name}${n}`, ...rest].join('.') + '@' + domain;
    if (!taken.has(candidate)) return candidate;
  }
}

function statusFor(rnd: Random, today: string): Person['status'] {
  const r = rnd.next();
  if (r < 0.01) return { state: 'suspended', from: today, reason: 'Không đăng nhập quá thời hạn', reference: SYNTHETIC_REFERENCE };
  if (r < 0.015) return { state: 'revoked', from: today, reason: 'Nghỉ hưu', reference: SYNTHETIC_REFERENCE };
  return { state: 'active' };
}

function provinceOf(profile: ProvinceProfile): Province {
  const dc = profile.domain.split('.').map((p) => `dc=${p}`).join(',');
  return {
    ruleSet: profile.id, name: profile.name, domain: profile.domain, decision: profile.decision,
    contacts: { corrections: profile.requests?.address ?? `tiepnhan@${profile.domain}` }, administrators: ['province-admin'], quotasMB: {},
    ldap: { baseDN: dc }, file: 'province.yaml', at: NOWHERE as Province['at'],
  };
}
