// `validate` checks the reorganisation files of a province like every other data file: schema,
// file name, and the mapping against the agencies it names.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Directory } from '../model/types.js';
import type { Finding } from '../rules/finding.js';
import { checkMapping, parseMapping } from './mapping.js';

export const REORGANISATIONS = 'reorganisations';

export function reorganisationFindings(dir: Directory, cwd = process.cwd()): Finding[] {
  let names: string[];
  try {
    names = readdirSync(join(dir.root, REORGANISATIONS)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir.root, REORGANISATIONS, name);
    const parsed = parseMapping(relative(cwd, path), readFileSync(path));
    return [...parsed.findings, ...(parsed.mapping ? checkMapping(parsed.mapping, dir) : [])];
  });
}
