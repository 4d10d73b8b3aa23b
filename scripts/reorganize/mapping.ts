// A reorganisation file (`reorganisations/<date>-<slug>.yaml`) → a checked mapping: the legal
// basis, the effective date and the changes (merge n → 1, rename, abolish). Read through the
// same decode → YAML → schema steps as every data file, then checked against the directory it
// reorganises: every id exists, no agency is in two changes, and nothing the change strands is
// left out (a commune of an abolished district must itself be merged or renamed).
import { basename } from 'node:path';
import { msg, type Msg } from '../i18n.js';
import { parseFile } from '../load/directory.js';
import type { YamlTree } from '../load/yaml-tree.js';
import type { AgencyKind, Directory, Loc } from '../model/types.js';
import { FORMAT_CITATION } from '../profiles/types.js';
import type { Finding } from '../rules/finding.js';

export const REORGANISATION_RULE = 'reorganisation-mapping';

export interface NewAgency {
  id: string;
  name?: string;
  kind?: AgencyKind;
  mailbox?: string;
  maintainers?: string[];
}

/**
 * Another province merged into this one across domains: its directory (a folder of agency
 * files under its own domain) is brought in. Each of its agencies is kept as an archive file
 * `<prefix>-<id>` holding the old-domain addresses, and its people move to the receiving agency
 * `agencies` names (an existing id, or a new agency), else to a new agency of the same name.
 */
export interface ProvinceMerge {
  kind: 'merge-province';
  /** Always empty: no agency of the receiving province is taken apart by this change. */
  from: string[];
  /** The absorbed province's domain. */
  domain: string;
  name?: string;
  /** Its directory, relative to the repository root (default `directory/<domain>`). */
  source?: string;
  /** For archive ids and clashing ids (default: the domain's first label). */
  prefix: string;
  /** Months the old addresses stay aliases; undefined: danhba policy (plan.ts). */
  transitionMonths?: number;
  agencies: Record<string, string | NewAgency>;
  at: Loc;
}

export type Change =
  | { kind: 'merge'; from: string[]; into: NewAgency; at: Loc }
  | { kind: 'rename'; from: string[]; into: NewAgency; at: Loc }
  | { kind: 'abolish'; from: string[]; forwardTo: string; staffTo?: string; at: Loc }
  | ProvinceMerge;

export interface Mapping {
  file: string;
  basis: { reference: string; date: string; title?: string };
  effective: string;
  changes: Change[];
}

interface RawChange {
  merge?: string[];
  into?: NewAgency;
  rename?: string;
  to?: NewAgency;
  abolish?: string;
  forwardTo?: string;
  staffTo?: string;
  mergeProvince?: string;
  name?: string;
  source?: string;
  prefix?: string;
  transitionMonths?: number;
  agencies?: Record<string, string | NewAgency>;
}

/** An archive agency's id: the absorbed agency's id under the change's prefix. */
export const archiveId = (c: ProvinceMerge, id: string) => `${c.prefix}-${id}`;

function toChange(raw: RawChange, at: Loc): Change {
  if (raw.mergeProvince) {
    const domain = raw.mergeProvince.toLowerCase();
    return { kind: 'merge-province', from: [], domain, name: raw.name, source: raw.source, prefix: raw.prefix ?? domain.split('.')[0], transitionMonths: raw.transitionMonths, agencies: raw.agencies ?? {}, at };
  }
  if (raw.merge) return { kind: 'merge', from: raw.merge, into: raw.into!, at };
  if (raw.rename) return { kind: 'rename', from: [raw.rename], into: raw.to!, at };
  return { kind: 'abolish', from: [raw.abolish!], forwardTo: raw.forwardTo!.toLowerCase(), staffTo: raw.staffTo, at };
}

function fromTree(tree: YamlTree, file: string): Mapping {
  const v = tree.value as { basis: Mapping['basis']; effective: string; changes: RawChange[] };
  return { file, basis: v.basis, effective: v.effective, changes: v.changes.map((c, i) => toChange(c, tree.locate(`/changes/${i}`))) };
}

/** The receiving agency of a change, when it has one. */
export const receiver = (c: Change): NewAgency | undefined => (c.kind === 'merge' || c.kind === 'rename' ? c.into : undefined);

function finding(loc: Loc, message: Msg, hint?: Msg): Finding {
  return { rule: REORGANISATION_RULE, severity: 'error', file: loc.file, line: loc.line, col: loc.col, message, citation: FORMAT_CITATION, hint };
}

/** Parse and schema-check a reorganisation file; `mapping` is undefined when it cannot be read. */
export function parseMapping(file: string, bytes: Uint8Array): { mapping?: Mapping; findings: Finding[] } {
  const parsed = parseFile('reorganisation', file, bytes);
  if (!parsed.tree) return { findings: parsed.findings };
  const mapping = fromTree(parsed.tree, file);
  const findings = [...parsed.findings];
  if (!/^\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.ya?ml$/.test(basename(file))) {
    findings.push(finding({ file, line: 1, col: 1 }, msg(`Tên tệp phải là <ngày hiệu lực>-<tên ngắn>.yaml, ví dụ ${mapping.effective}-sap-xep-xa.yaml.`, `The file name must be <effective date>-<slug>.yaml, e.g. ${mapping.effective}-merge-communes.yaml.`)));
  } else if (!basename(file).startsWith(mapping.effective)) {
    findings.push(finding({ file, line: 1, col: 1 }, msg(`Tên tệp bắt đầu bằng ngày khác ngày hiệu lực ${mapping.effective}.`, `The file name starts with a date other than the effective date ${mapping.effective}.`)));
  }
  if (mapping.basis.date > mapping.effective) {
    findings.push(finding(parsed.tree.locate('/effective'), msg(`Ngày hiệu lực ${mapping.effective} trước ngày ban hành ${mapping.basis.date}.`, `Effective date ${mapping.effective} is before the act's date ${mapping.basis.date}.`)));
  }
  return { mapping, findings };
}

/**
 * The mapping against the directory it reorganises. `applied` is true once the generated
 * change is in the data (the old agencies then forward): ids must still exist either way.
 * `unreadable`: agency ids whose files exist but did not load (load/directory.ts): their own
 * findings say why, so they are not also reported missing here.
 */
export function checkMapping(mapping: Mapping, dir: Directory, unreadable: ReadonlySet<string> = new Set()): Finding[] {
  const findings: Finding[] = [];
  const agencies = new Map<string, unknown>(dir.agencies.map((a) => [a.id, a]));
  for (const id of unreadable) if (!agencies.has(id)) agencies.set(id, undefined);
  const claimed = new Map<string, Change>();
  const receivers = new Set(mapping.changes.flatMap((c) => receiver(c)?.id ?? []));
  for (const change of mapping.changes) {
    if (change.kind === 'merge-province') {
      findings.push(...checkProvinceMerge(change, dir, agencies));
      continue;
    }
    for (const id of change.from) {
      if (!agencies.has(id)) findings.push(finding(change.at, msg(`Không có cơ quan "${id}" trong ${dir.province?.name ?? 'tỉnh'}.`, `No agency "${id}" in ${dir.province?.name ?? 'the province'}.`), msg('Dùng id của tệp agencies/<id>.yaml.', 'Use the id of an agencies/<id>.yaml file.')));
      if (claimed.has(id)) findings.push(finding(change.at, msg(`Cơ quan "${id}" có trong hai thay đổi.`, `Agency "${id}" is in two changes.`), msg('Mỗi cơ quan cũ chỉ thuộc một thay đổi.', 'Each old agency belongs to exactly one change.')));
      claimed.set(id, change);
    }
    const into = receiver(change);
    if (into && !agencies.has(into.id)) {
      const missing = (['name', 'kind', 'mailbox'] as const).filter((k) => !into[k]);
      if (missing.length) findings.push(finding(change.at, msg(`Cơ quan mới "${into.id}" cần ${missing.join(', ')}.`, `New agency "${into.id}" needs ${missing.join(', ')}.`)));
    }
    if (into && agencies.has(into.id) && change.from.includes(into.id) === false && claimed.has(into.id)) {
      findings.push(finding(change.at, msg(`Cơ quan nhận "${into.id}" lại bị sáp nhập/giải thể ở thay đổi khác.`, `Receiving agency "${into.id}" is itself merged or abolished by another change.`)));
    }
    if (change.kind === 'abolish' && change.staffTo && !agencies.has(change.staffTo) && !receivers.has(change.staffTo)) {
      findings.push(finding(change.at, msg(`staffTo "${change.staffTo}" không phải cơ quan có sẵn hay cơ quan mới của tệp này.`, `staffTo "${change.staffTo}" is neither an existing agency nor one this file creates.`)));
    }
  }
  // Coverage: an agency whose parent goes away would be left hanging off nothing.
  for (const a of dir.agencies) {
    const parentChange = a.parent ? claimed.get(a.parent) : undefined;
    if (parentChange?.kind === 'abolish' && !claimed.has(a.id)) {
      findings.push(
        finding(parentChange.at, msg(`"${a.id}" (${a.name}) thuộc "${a.parent}" bị giải thể nhưng không có trong tệp sắp xếp.`, `"${a.id}" (${a.name}) belongs to "${a.parent}", which is abolished, but the mapping leaves it out.`), msg(`Thêm "${a.id}" vào một thay đổi merge hoặc rename.`, `Add "${a.id}" to a merge or rename change.`)),
      );
    }
  }
  return findings;
}

/**
 * What can be checked of a province merge without reading the absorbed directory (validate
 * runs on pull requests and reads no path a file names): not the province itself, agency
 * targets that exist, new agencies complete, a prefix no receiving agency id already uses.
 */
function checkProvinceMerge(change: ProvinceMerge, dir: Directory, agencies: Map<string, unknown>): Finding[] {
  const out: Finding[] = [];
  const own = dir.province?.domain;
  if (own && change.domain === own) out.push(finding(change.at, msg(`mergeProvince ${change.domain} là tên miền của chính tỉnh này.`, `mergeProvince ${change.domain} is this province's own domain.`)));
  for (const [old, target] of Object.entries(change.agencies)) {
    if (typeof target === 'string') {
      if (!agencies.has(target)) findings(out, change.at, msg(`agencies.${old}: không có cơ quan nhận "${target}" trong ${dir.province?.name ?? 'tỉnh'}.`, `agencies.${old}: no receiving agency "${target}" in ${dir.province?.name ?? 'the province'}.`));
      continue;
    }
    if (!agencies.has(target.id)) {
      const missing = (['name', 'kind', 'mailbox'] as const).filter((k) => !target[k]);
      if (missing.length) findings(out, change.at, msg(`agencies.${old}: cơ quan mới "${target.id}" cần ${missing.join(', ')}.`, `agencies.${old}: new agency "${target.id}" needs ${missing.join(', ')}.`));
    }
  }
  return out;
}

function findings(out: Finding[], at: Loc, message: Msg): void {
  out.push(finding(at, message, msg('Dùng id của một tệp agencies/<id>.yaml của tỉnh nhận, hoặc mô tả cơ quan mới { id, name, kind, mailbox }.', "Use the id of one of the receiving province's agencies/<id>.yaml, or describe a new agency { id, name, kind, mailbox }.")));
}
