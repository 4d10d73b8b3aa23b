// JSON open data: the records plus what each field means, the legal basis, the licence and where
// to send corrections, so the file explains itself without this site.
import type { PublicAgency, PublicProvince } from '../publish.js';

/**
 * Version of this file's format (semver): a new optional field raises the minor version, a
 * removed or changed one the major. 2.0.0: units have ids, people their unit's id, agencies a website.
 */
export const FORMAT_VERSION = '2.0.0';


export const LICENCE = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
};

export const FIELDS: Record<string, { vi: string; en: string }> = {
  'agencies[].id': { vi: 'Mã cơ quan, ổn định, dùng trong đường dẫn trang', en: 'Stable agency id, used in page links' },
  'agencies[].name': { vi: 'Tên cơ quan', en: 'Agency name' },
  'agencies[].kind': { vi: 'Cấp: provincial (cấp tỉnh), district (cấp huyện), commune (cấp xã)', en: 'Level: provincial, district, commune' },
  'agencies[].parent': { vi: 'Mã cơ quan cấp trên (huyện của một xã)', en: 'Id of the parent agency (the district of a commune)' },
  'agencies[].email': { vi: 'Thư điện tử của cơ quan', en: "Agency's e-mail address" },
  'agencies[].phone': { vi: 'Điện thoại/fax của cơ quan', en: "Agency's phone/fax" },
  'agencies[].address': { vi: 'Địa chỉ trụ sở', en: 'Postal address' },
  'agencies[].website': { vi: 'Trang thông tin điện tử của cơ quan', en: "Agency's website" },
  'agencies[].units[].id': { vi: 'Mã đơn vị, ổn định trong cơ quan', en: 'Stable unit id within the agency' },
  'agencies[].units[].name': { vi: 'Tên đơn vị, phòng ban', en: 'Unit name' },
  'agencies[].units[].email': { vi: 'Thư điện tử của đơn vị', en: "Unit's e-mail address" },
  'agencies[].units[].phone': { vi: 'Điện thoại/fax của đơn vị', en: "Unit's phone/fax" },
  'agencies[].staff[].name': { vi: 'Họ tên', en: 'Full name' },
  'agencies[].staff[].title': { vi: 'Chức vụ', en: 'Title' },
  'agencies[].staff[].unitId': { vi: 'Mã đơn vị công tác (agencies[].units[].id)', en: 'Id of the unit (agencies[].units[].id)' },
  'agencies[].staff[].unit': { vi: 'Đơn vị công tác', en: 'Unit' },
  'agencies[].staff[].phone': { vi: 'Số điện thoại/fax', en: 'Phone/fax' },
  'agencies[].staff[].email': { vi: 'Địa chỉ thư điện tử', en: 'E-mail address' },
  'agencies[].staff[].forwardTo': { vi: 'Hộp thư cũ đang chuyển tiếp: thư được chuyển đến địa chỉ này', en: 'Old mailbox being forwarded: mail goes to this address' },
};

export interface JsonMeta {
  updated: string;
  /** The JSON Schema's URL relative to this file (default: beside it). */
  schema?: string;
  publishCitation?: string;
}

function strip(a: PublicAgency): unknown {
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    parent: a.parent,
    email: a.email,
    phone: a.phone,
    address: a.address,
    website: a.website,
    units: a.units.map((u) => ({ id: u.id, name: u.name, email: u.email, phone: u.phone })),
    staff: a.staff.map((p) => ({ name: p.name, title: p.title, unitId: p.unitId, unit: p.unit, phone: p.phone, email: p.email, forwardTo: p.forwardTo })),
  };
}

export function toJson(p: PublicProvince, agencies: PublicAgency[], meta: JsonMeta): string {
  return [...toJsonChunks(p, agencies, meta)].join('');
}

/** The document without agencies, cut before its empty `[]`: what precedes the agencies. */
export function jsonHead(p: PublicProvince, meta: JsonMeta): string {
  const doc = {
    $schema: meta.schema ?? 'danh-ba.schema.json',
    version: FORMAT_VERSION,
    title: `Danh bạ thư điện tử công vụ ${p.name}`,
    description: 'Các hộp thư đang hoạt động của cơ quan, đơn vị và cán bộ, công chức được công khai / Active official mailboxes published by the province.',
    province: p.name,
    domain: p.domain,
    legalBasis: p.decision,
    publishedUnder: meta.publishCitation,
    updated: meta.updated,
    corrections: p.corrections,
    licence: LICENCE,
    fields: FIELDS,
    agencies: [],
  };
  return JSON.stringify(doc).slice(0, -2); // `…"agencies":[]}` up to and with its "["
}

/** One agency as JSON.stringify writes it as an array element (agencies are joined by a comma). */
export function jsonAgency(a: PublicAgency): string {
  return JSON.stringify(strip(a));
}

/** What follows the last agency. */
export const JSON_TAIL = ']}\n';

/**
 * The same text as toJson, one agency at a time: the head, then each agency as JSON.stringify
 * writes an array element (no indentation, so the pieces join to exactly the whole).
 */
export function* toJsonChunks(p: PublicProvince, agencies: Iterable<PublicAgency>, meta: JsonMeta): Generator<string> {
  yield jsonHead(p, meta);
  let first = true;
  for (const a of agencies) {
    yield (first ? '' : ',') + jsonAgency(a);
    first = false;
  }
  yield JSON_TAIL;
}
