// Which province an address belongs to: the profile whose domain it ends with, and the base DN
// from that province's province.yaml.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { profiles } from '../profiles/index.js';
import type { ProvinceProfile } from '../profiles/types.js';

export function profileOfAddress(address: string): ProvinceProfile | undefined {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return Object.values(profiles).find((p) => p.domain === domain);
}

/** `ldap.baseDN` of `<directory>/<domain>/province.yaml`, or undefined. */
export function baseDnOf(directory: string, domain: string): string | undefined {
  const file = join(directory, domain, 'province.yaml');
  if (!existsSync(file)) return undefined;
  return (parse(readFileSync(file, 'utf8')) as { ldap?: { baseDN?: string } } | null)?.ldap?.baseDN;
}
