// Schema-valid plain values → model entities, attaching the location of every field.
// Runs only after the schema check passed, so shapes can be trusted here.
import type { Agency, Appendix, AppendixEntry, Locs, Person, Province, Status, Unit } from '../model/types.js';
import { asLocs } from '../model/locs.js';
import type { YamlTree } from './yaml-tree.js';

type Plain = Record<string, any>;

function locsOf(tree: YamlTree, value: Plain): Locs {
  return asLocs(tree.locsOf(value));
}

function toStatus(raw: unknown): Status {
  if (raw === undefined || raw === null) return { state: 'active' };
  if (typeof raw === 'string') return { state: raw as Status['state'] };
  return { ...(raw as Status) };
}

export function buildProvince(tree: YamlTree, file: string): Province {
  const v = tree.value as Plain;
  return {
    ruleSet: v.ruleSet,
    name: v.name,
    domain: v.domain,
    decision: v.decision,
    contacts: v.contacts,
    administrators: v.administrators,
    quotasMB: v.quotasMB ?? {},
    ldap: v.ldap,
    ...(v.formerDomains ? { formerDomains: v.formerDomains } : {}),
    file,
    at: locsOf(tree, v) as Province['at'],
  };
}

export function buildAppendix(tree: YamlTree, file: string): Appendix {
  const v = tree.value as Plain;
  const entries: AppendixEntry[] = (v.entries as Plain[]).map((e, i) => {
    const at = locsOf(tree, e) as AppendixEntry['at'];
    return { no: e.no, agencyName: e.name, agency: e.agency, address: e.address, at };
  });
  return { citation: v.citation, entries, file };
}

export function buildAgency(tree: YamlTree, file: string): Agency {
  const v = tree.value as Plain;
  const at = locsOf(tree, v) as Agency['at'];
  return {
    id: v.id,
    name: v.name,
    kind: v.kind,
    parent: v.parent,
    mailbox: v.mailbox,
    adminMailbox: v.admin,
    phone: v.phone,
    address: v.address,
    website: v.website,
    maintainers: v.maintainers ?? [],
    establishedBy: v.establishedBy,
    territory: v.territory,
    quotaMB: v.quotaMB,
    status: toStatus(v.status),
    exception: v.exception,
    ...(v.listManagers ? { listManagers: (v.listManagers as Plain[]).map((m) => ({ person: m.person, reference: m.reference })) } : {}),
    units: ((v.units ?? []) as Plain[]).map((u, i) => buildUnit(tree, `/units/${i}`, u)),
    staff: ((v.staff ?? []) as Plain[]).map((p, i) => buildPerson(tree, `/staff/${i}`, p)),
    file,
    at,
  };
}

function buildUnit(tree: YamlTree, pointer: string, u: Plain): Unit {
  return {
    id: u.id,
    name: u.name,
    mailbox: u.mailbox,
    adminMailbox: u.admin,
    publicService: u.publicService ?? false,
    phone: u.phone,
    quotaMB: u.quotaMB,
    status: toStatus(u.status),
    exception: u.exception,
    at: locsOf(tree, u) as Unit['at'],
  };
}

function buildPerson(tree: YamlTree, pointer: string, p: Plain): Person {
  return {
    id: p.id,
    name: p.name,
    nameParts: p.nameParts,
    title: p.title,
    unit: p.unit,
    phone: p.phone,
    mailbox: p.mailbox,
    employment: p.employment,
    public: p.public ?? true,
    status: toStatus(p.status),
    quotaMB: p.quotaMB,
    exception: p.exception,
    legacy: p.legacy,
    importedFrom: p.importedFrom,
    at: locsOf(tree, p) as Person['at'],
  };
}
