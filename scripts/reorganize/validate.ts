// `validate` checks the reorganisation files of a province like every other data file: schema,
// file name, and the mapping against the agencies it names.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Directory } from '../model/types.js';
import type { Finding } from '../rules/finding.js';
import { checkMapping, parseMapping, type Mapping } from './mapping.js';

export const REORGANISATIONS = 'reorganisations';

/** The reorganisation files of a province folder, read and schema-checked (not yet against the directory). */
export function provinceMappings(root: string, cwd = process.cwd()): { path: string; mapping?: Mapping; findings: Finding[] }[] {
  let names: string[];
  try {
    names = readdirSync(join(root, REORGANISATIONS)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const path = join(root, REORGANISATIONS, name);
    return { path, ...parseMapping(relative(cwd, path), readFileSync(path)) };
  });
}

/** `unreadable`: agency files that did not load (their own findings say why): not also missing here. */
export function reorganisationFindings(dir: Directory, unreadable: ReadonlySet<string> = new Set(), cwd = process.cwd()): Finding[] {
  return provinceMappings(dir.root, cwd).flatMap((m) => [...m.findings, ...(m.mapping ? checkMapping(m.mapping, dir, unreadable) : [])]);
}
