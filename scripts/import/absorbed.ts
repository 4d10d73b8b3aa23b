// An absorbed province's LDAP server → its agency files, for a `mergeProvince` change
// (README "Merging a province across domains"). The absorbed provinces have no profile in
// danhba, so their server is read as a tree, not judged by any rule:
//
//   ou=stttt,dc=hanam,…          an agency: the container holding mail entries (organizationalUnit
//                                or organization; its `description`, else `o`, is the agency's name)
//     uid=stttt,ou=stttt,…       the agency's own mailbox: the organisation entry (no `givenName`,
//                                `sn` absent or equal to `cn`) whose local part is the container's
//                                name, or the only organisation entry there
//     uid=vp.stttt,ou=stttt,…    any other organisation entry: a unit mailbox (`cn` its name)
//     uid=nvminh.stttt,ou=stttt  a person (`givenName`, or an `sn` that is not the `cn`): `cn`,
//                                `title`, `telephoneNumber`, `ou` (their unit, by name)
//
// A mailbox locked or closed on that server comes in suspended, from the day it was locked when
// the server says (LOCK_MARKERS: ppolicy, a shadow account's expiry, and the markers of the mail
// systems provinces run on LDAP): imported as active, a merge would reopen it. A value danhba cannot keep (a
// phone number that is not one) is left out and said in `notes`, never dropped in silence.
//
// A container below another agency's container is that agency's child (`parent`). Every value
// from the server is hostile until checked: text in NFC with whitespace collapsed, no invisible
// or markup character, addresses lower-case a-z0-9 and dots under the absorbed domain, each
// once; ids are folded ASCII. Anything refused stops the whole import (an address left out
// would be an address lost in the merge). Pure over the entries: ldap reading is absorbedEntries.
import type { Client, Entry } from 'ldapts';
import { Document, isSeq } from 'yaml';
import { parseDn, formatDn } from '../ldap/dn.js';
import { foldJoined, foldWords } from '../names/fold.js';
import { codePointLabel, firstInvisible, firstMarkup } from '../model/text-safety.js';
import { clean } from './row.js';

/** One entry as the server gave it, attributes lower-cased, values as text. */
export interface RawEntry {
  dn: string;
  attrs: Record<string, string[]>;
}

/**
 * How a server says a mailbox is locked or closed, first match wins; `since` gives the day the
 * lock began (YYYY-MM-DD), undefined when it says none, null when the value is no lock.
 * - `pwdAccountLockedTime` (OpenLDAP ppolicy; operational: returned only when asked for by name):
 *   a GeneralizedTime, or 000001010000Z for "until an administrator unlocks".
 * - `shadowExpire` (nis schema): days since 1970-01-01 after which the account is expired; -1 never.
 * - `nsAccountLock` (389 Directory Server, FreeIPA): TRUE.
 * - `accountStatus` (iRedMail): anything but `active` (e.g. `disabled`).
 * - `zimbraAccountStatus` (Zimbra): anything but `active` (locked, lockout, closed, maintenance, pending).
 * A server that does not know an attribute ignores it in the request (RFC 4511 §4.5.1.8).
 */
const LOCK_MARKERS: { attr: string; since(value: string, today: string): string | undefined | null }[] = [
  {
    attr: 'pwdAccountLockedTime',
    since: (v, today) => {
      const time = /^(\d{4})(\d{2})(\d{2})\d{6}(\.\d+)?Z$/.exec(v);
      const date = time && time[1] !== '0000' ? `${time[1]}-${time[2]}-${time[3]}` : undefined;
      return date !== undefined && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && date <= today ? date : undefined;
    },
  },
  {
    attr: 'shadowExpire',
    since: (v, today) => {
      if (!/^[0-9]{1,6}$/.test(v)) return null; // -1 (never), or not a day count
      const date = new Date(Number(v) * 86_400_000).toISOString().slice(0, 10);
      return date <= today ? date : null; // a future expiry: still open today
    },
  },
  { attr: 'nsAccountLock', since: (v) => (/^true$/i.test(v) ? undefined : null) },
  { attr: 'accountStatus', since: (v) => (/^active$/i.test(v) ? null : undefined) },
  { attr: 'zimbraAccountStatus', since: (v) => (/^active$/i.test(v) ? null : undefined) },
];
const LOCK_ATTRIBUTES = LOCK_MARKERS.map((m) => m.attr);
const ATTRIBUTES = ['objectClass', 'mail', 'cn', 'sn', 'givenName', 'displayName', 'title', 'telephoneNumber', 'ou', 'o', 'description', ...LOCK_ATTRIBUTES];
const ADDRESS = /^[a-z0-9]+(\.[a-z0-9]+)*@[a-z0-9.-]+$/;
const PHONE = /^[0-9+() .-]{3,40}$/;
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function asText(v: Entry[string]): string[] {
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)));
}

/**
 * Every entry under `base` that has a `mail` or is an organisational container, page by page.
 * Each call is bounded by the client's timeout (connect() in ldap/client.ts: LDAP_TIMEOUT_SECONDS)
 * and the server-side time limit.
 */
export async function absorbedEntries(client: Client, base: string, timeLimitSeconds = 60, pageSize = 500): Promise<RawEntry[]> {
  const out: RawEntry[] = [];
  const filter = '(|(mail=*)(objectClass=organizationalUnit)(objectClass=organization))';
  for await (const page of client.searchPaginated(base, { scope: 'sub', filter, attributes: ATTRIBUTES, paged: { pageSize }, timeLimit: timeLimitSeconds })) {
    for (const e of page.searchEntries) {
      const attrs: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(e)) if (k !== 'dn') attrs[k.toLowerCase()] = asText(v);
      out.push({ dn: e.dn, attrs });
    }
  }
  return out;
}

export interface AbsorbedRefusal {
  dn: string;
  why: { vi: string; en: string };
}

export interface AbsorbedImport {
  /** `agencies/<id>.yaml` → text. */
  files: Map<string, string>;
  refused: AbsorbedRefusal[];
  /** Values left out of files that were written (what and why), for the reviewer. */
  notes: AbsorbedRefusal[];
  /** Mailboxes imported suspended because they are locked on the server. */
  locked: number;
  agencies: number;
  people: number;
  units: number;
}

interface Container {
  dn: string;
  /** Normalised DN key. */
  key: string;
  value: string;
  name?: string;
  org: RawEntry[];
  people: RawEntry[];
}

/** Kind from the agency's name: district and commune People's Committees by their usual names, else provincial. */
export function kindFromName(name: string): 'provincial' | 'district' | 'commune' {
  const w = foldWords(name).join(' ');
  if (/^(ubnd|uy ban nhan dan) (xa|phuong|thi tran|dac khu)\b/.test(w)) return 'commune';
  if (/^(ubnd|uy ban nhan dan) (huyen|quan|thi xa|thanh pho)\b/.test(w)) return 'district';
  return 'provincial';
}

const one = (e: RawEntry, attr: string): string | undefined => {
  for (const v of e.attrs[attr.toLowerCase()] ?? []) {
    const c = clean(v);
    if (c !== undefined) return c;
  }
  return undefined;
};

/** A person has a given name, or a surname that is not its whole name (an organisation's inetOrgPerson entry repeats cn as sn). */
const isPerson = (e: RawEntry) => one(e, 'givenName') !== undefined || (one(e, 'sn') !== undefined && one(e, 'sn') !== one(e, 'cn'));

/** Key of a DN: its RDNs lower-cased in NFC; undefined when it does not parse. */
function dnKey(dn: string): string | undefined {
  try {
    return formatDn(parseDn(dn).map((rdn) => rdn.map((a) => ({ type: a.type.toLowerCase(), value: a.value.normalize('NFC').toLowerCase() }))));
  } catch {
    return undefined;
  }
}

/**
 * The absorbed agency files for `domain` from `entries` (absorbedEntries). `prefix` numbers
 * person ids (`<prefix>-0001`, in DN order, so a re-read gives the same ids); every person's
 * `importedFrom` is `ldap:<their DN>`, each file's first comment names its container's DN.
 */
export function absorbedFiles(entries: RawEntry[], domain: string, prefix: string, today: string): AbsorbedImport {
  if (!ID.test(`${prefix}-0001`)) throw new Error(`prefix "${prefix}": a-z, 0-9, -`);
  const refused: AbsorbedRefusal[] = [];
  const refuse = (dn: string, vi: string, en: string) => refused.push({ dn, why: { vi, en } });
  const notes: AbsorbedRefusal[] = [];
  let locked = 0;
  /** The status of a mailbox entry: suspended when locked on the server, else none (active). */
  const statusOf = (e: RawEntry): { status: Status } | Record<string, never> => {
    const status = lockedStatus(e, domain, today);
    if (status) locked++;
    return status ? { status } : {};
  };
  const containers = new Map<string, Container>();
  const entryOf = new Map<string, RawEntry>();
  const seen = new Map<string, string>();
  const mails: RawEntry[] = [];
  for (const e of [...entries].sort((a, b) => (a.dn < b.dn ? -1 : a.dn > b.dn ? 1 : 0))) {
    const key = dnKey(e.dn);
    if (key === undefined) {
      refuse(e.dn, 'DN không đọc được', 'the DN does not parse');
      continue;
    }
    entryOf.set(key, e);
    // Hostile text: every value that may reach a file (the DN too: its comment line, ids).
    const inDn = firstInvisible(e.dn);
    if (inDn) refuse(e.dn, `DN: ký tự ${codePointLabel(inDn.char)} không được phép`, `DN: character ${codePointLabel(inDn.char)} is not allowed`);
    for (const attr of ['mail', 'cn', 'sn', 'givenName', 'displayName', 'title', 'telephoneNumber', 'ou', 'o', 'description', ...LOCK_ATTRIBUTES]) {
      const v = one(e, attr);
      const hit = v === undefined ? undefined : (firstInvisible(v) ?? firstMarkup(v));
      if (hit) refuse(e.dn, `${attr}: ký tự ${codePointLabel(hit.char)} không được phép`, `${attr}: character ${codePointLabel(hit.char)} is not allowed`);
    }
    if (e.attrs.mail?.length) mails.push(e);
  }
  for (const e of mails) {
    const mail = one(e, 'mail')?.toLowerCase();
    if (!mail || !ADDRESS.test(mail)) {
      refuse(e.dn, `địa chỉ "${mail ?? ''}" sai dạng (chỉ a-z, 0-9, dấu chấm)`, `address "${mail ?? ''}" is malformed (only a-z, 0-9 and dots)`);
      continue;
    }
    if (!mail.endsWith(`@${domain}`)) {
      refuse(e.dn, `${mail} không thuộc ${domain}`, `${mail} is not under ${domain}`);
      continue;
    }
    const first = seen.get(mail);
    if (first) {
      refuse(e.dn, `${mail} trùng với ${first}`, `${mail} is also ${first}`);
      continue;
    }
    seen.set(mail, e.dn);
    const rdns = parseDn(e.dn);
    const parent = rdns.slice(1);
    const top = parent[0]?.[0];
    if (!top || !['ou', 'o'].includes(top.type.toLowerCase())) {
      refuse(e.dn, 'không nằm trong một ou/o (cơ quan)', 'is not inside an ou/o (an agency)');
      continue;
    }
    const dn = formatDn(parent);
    const key = dnKey(dn)!;
    let c = containers.get(key);
    if (!c) {
      const self = entryOf.get(key);
      const name = self ? (one(self, 'description') ?? one(self, 'o')) : undefined;
      containers.set(key, (c = { dn, key, value: clean(top.value) ?? '', ...(name ? { name } : {}), org: [], people: [] }));
    }
    (isPerson(e) ? c.people : c.org).push(e);
  }

  // Agency ids: the container's name folded; two containers folding alike are refused (no guess).
  const idOf = new Map<string, string>();
  const byId = new Map<string, Container>();
  for (const c of containers.values()) {
    const id = foldWords(c.value).join('-').slice(0, 64);
    if (!ID.test(id)) {
      refuse(c.dn, `tên "${c.value}" không thành id được`, `its name "${c.value}" makes no id`);
      continue;
    }
    const other = byId.get(id);
    if (other) {
      refuse(c.dn, `cùng id "${id}" với ${other.dn}`, `same id "${id}" as ${other.dn}`);
      continue;
    }
    byId.set(id, c);
    idOf.set(c.key, id);
  }

  const files = new Map<string, string>();
  let n = 0;
  let units = 0;
  let people = 0;
  const pad = (i: number) => String(i).padStart(4, '0');
  for (const [id, c] of byId) {
    if (!c.org.length) {
      refuse(c.dn, 'không có hộp thư cơ quan (mục có mail, không có givenName, sn trống hoặc bằng cn)', 'has no agency mailbox (an entry with mail, no givenName, sn absent or equal to cn)');
      continue;
    }
    const own = c.org.find((e) => one(e, 'mail')!.toLowerCase().split('@')[0] === foldJoined(c.value)) ?? (c.org.length === 1 ? c.org[0] : undefined);
    if (!own) {
      refuse(c.dn, `${c.org.length} hộp thư tổ chức, không cái nào mang tên ${c.value}: không biết hộp thư cơ quan`, `${c.org.length} organisation mailboxes, none named ${c.value}: which is the agency's is unknown`);
      continue;
    }
    const name = c.name ?? one(own, 'cn') ?? c.value;
    // The nearest container above that is an agency too.
    let parent: string | undefined;
    const rdns = parseDn(c.dn);
    for (let i = 1; i < rdns.length && !parent; i++) parent = idOf.get(dnKey(formatDn(rdns.slice(i)))!);
    const unitList = c.org
      .filter((e) => e !== own)
      .map((e) => {
        const mail = one(e, 'mail')!.toLowerCase();
        const local = mail.split('@')[0];
        return { id: local.split('.')[0].slice(0, 64), name: one(e, 'cn') ?? local, mailbox: mail, ...statusOf(e), dn: e.dn };
      });
    const unitIds = new Set<string>();
    for (const u of unitList) {
      if (!ID.test(u.id) || unitIds.has(u.id)) refuse(u.dn, `id đơn vị "${u.id}" sai hoặc trùng`, `unit id "${u.id}" is malformed or repeated`);
      unitIds.add(u.id);
    }
    const unitByName = new Map(unitList.map((u) => [foldJoined(u.name), u.id]));
    const staff = c.people.map((e) => {
      const name = one(e, 'cn') ?? one(e, 'displayName') ?? [one(e, 'sn'), one(e, 'givenName')].filter(Boolean).join(' ');
      const title = one(e, 'title');
      const phone = one(e, 'telephoneNumber');
      const unit = one(e, 'ou');
      const unitId = unit ? unitByName.get(foldJoined(unit)) : undefined;
      if (phone && !PHONE.test(phone)) {
        notes.push({ dn: e.dn, why: { vi: `telephoneNumber "${phone}" không phải số điện thoại: không nhập, ghi tay nếu cần`, en: `telephoneNumber "${phone}" is not a phone number: left out, add it by hand if needed` } });
      }
      return {
        id: `${prefix}-${pad(++n)}`,
        name,
        ...(title ? { title } : {}),
        ...(unitId ? { unit: unitId } : {}),
        ...(phone && PHONE.test(phone) ? { phone } : {}),
        mailbox: one(e, 'mail')!.toLowerCase(),
        ...statusOf(e),
        importedFrom: `ldap:${e.dn}`,
      };
    });
    units += unitList.length;
    people += staff.length;
    const doc = new Document({
      id,
      name,
      kind: kindFromName(name),
      ...(parent ? { parent } : {}),
      mailbox: one(own, 'mail')!.toLowerCase(),
      ...statusOf(own),
      maintainers: [],
      ...(unitList.length ? { units: unitList.map(({ dn: _, ...u }) => u) } : {}),
      ...(staff.length ? { staff } : {}),
    });
    const maintainers = doc.get('maintainers', true);
    if (isSeq(maintainers)) maintainers.flow = true;
    doc.commentBefore = ` Đọc từ LDAP của ${domain}: ${JSON.stringify(c.dn).slice(1, -1)}`;
    files.set(`agencies/${id}.yaml`, '# yaml-language-server: $schema=../../../schema/agency.schema.json\n' + doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
  }
  return { files: refused.length ? new Map() : files, refused, notes, locked, agencies: refused.length ? 0 : files.size, people, units };
}

type Status = { state: 'suspended'; from: string; reason: string; reference: string };

/**
 * A mailbox the server says is locked or closed (LOCK_MARKERS): suspended from the day of the
 * lock when the server says one, else from the day of the import, with the marker as its reason
 * and reference (status-justified asks for both).
 */
function lockedStatus(e: RawEntry, domain: string, today: string): Status | undefined {
  for (const marker of LOCK_MARKERS) {
    const value = one(e, marker.attr);
    if (value === undefined) continue;
    const since = marker.since(value, today);
    if (since === null) continue;
    return {
      state: 'suspended',
      from: since ?? today,
      reason: `Tài khoản bị khoá trên máy chủ LDAP của ${domain} (${marker.attr})`,
      reference: `${marker.attr}${since !== undefined || marker.attr !== 'pwdAccountLockedTime' ? ` ${value.slice(0, 40)}` : ''}, ${e.dn}`,
    };
  }
  return undefined;
}
