// Which findings a change introduces and which were already there. Line numbers move whenever
// a file is edited, so findings are matched on rule + entity + message, where the entity is the
// agency, unit or person whose YAML block the finding points into.
import type { Directory } from '../model/types.js';
import type { Finding } from '../rules/finding.js';

export interface FindingsDiff {
  /** Present at head, not at base. */
  introduced: Finding[];
  /** Present at both (shown apart: not this change's doing). */
  existing: Finding[];
  /** Present at base, gone at head. */
  resolved: Finding[];
}

interface Anchor {
  line: number;
  entity: string;
}

/** Per file, the start lines of its entities, ascending. */
function anchors(dir: Directory | undefined): Map<string, Anchor[]> {
  const out = new Map<string, Anchor[]>();
  for (const agency of dir?.agencies ?? []) {
    const list: Anchor[] = [{ line: 0, entity: `agency:${agency.id}` }];
    for (const u of agency.units) list.push({ line: u.at.self.line, entity: `unit:${agency.id}/${u.id}` });
    for (const p of agency.staff) list.push({ line: p.at.self.line, entity: `person:${p.id}` });
    out.set(agency.file, list.sort((a, b) => a.line - b.line));
  }
  return out;
}

function entityAt(index: Map<string, Anchor[]>, f: Finding): string {
  const list = index.get(f.file);
  if (!list) return f.file;
  let entity = list[0].entity;
  for (const a of list) {
    if (a.line > f.line) break;
    entity = a.entity;
  }
  return entity;
}

/** Messages that quote another location ("already used at x.yaml:12") must not differ by line. */
function normalizeMessage(text: string): string {
  return text.replace(/(\.ya?ml):\d+(?::\d+)?/g, '$1');
}

function keyOf(index: Map<string, Anchor[]>, f: Finding): string {
  return `${f.rule}\u0000${entityAt(index, f)}\u0000${normalizeMessage(f.message.en)}`;
}

export function diffFindings(base: { dir?: Directory; findings: Finding[] }, head: { dir?: Directory; findings: Finding[] }): FindingsDiff {
  const baseIndex = anchors(base.dir);
  const headIndex = anchors(head.dir);
  const remaining = new Map<string, Finding[]>();
  for (const f of base.findings) {
    const k = keyOf(baseIndex, f);
    const list = remaining.get(k);
    if (list) list.push(f);
    else remaining.set(k, [f]);
  }
  const introduced: Finding[] = [];
  const existing: Finding[] = [];
  for (const f of head.findings) {
    const same = remaining.get(keyOf(headIndex, f));
    if (same && same.length > 0) {
      same.shift();
      existing.push(f);
    } else introduced.push(f);
  }
  const resolved = [...remaining.values()].flat();
  return { introduced, existing, resolved };
}
