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

export type Change =
  | { kind: 'merge'; from: string[]; into: NewAgency; at: Loc }
  | { kind: 'rename'; from: string[]; into: NewAgency; at: Loc }
  | { kind: 'abolish'; from: string[]; forwardTo: string; staffTo?: string; at: Loc };

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
}

function toChange(raw: RawChange, at: Loc): Change {
  if (raw.merge) return { kind: 'merge', from: raw.merge, into: raw.into!, at };
  if (raw.rename) return { kind: 'rename', from: [raw.rename], into: raw.to!, at };
  return { kind: 'abolish', from: [raw.abolish!], forwardTo: raw.forwardTo!.toLowerCase(), staffTo: raw.staffTo, at };
}

function fromTree(tree: YamlTree, file: string): Mapping {
  const v = tree.value as { basis: Mapping['basis']; effective: string; changes: RawChange[] };
  return { file, basis: v.basis, effective: v.effective, changes: v.changes.map((c, i) => toChange(c, tree.locate(`/changes/${i}`))) };
}

/** The receiving agency of a change, when it has one. */
export const receiver = (c: Change): NewAgency | undefined => (c.kind === 'abolish' ? undefined : c.into);

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
 */
export function checkMapping(mapping: Mapping, dir: Directory): Finding[] {
  const findings: Finding[] = [];
  const agencies = new Map(dir.agencies.map((a) => [a.id, a]));
  const claimed = new Map<string, Change>();
  const receivers = new Set(mapping.changes.flatMap((c) => receiver(c)?.id ?? []));
  for (const change of mapping.changes) {
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
