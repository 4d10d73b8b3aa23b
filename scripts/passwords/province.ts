// Which province an address belongs to: the profile whose domain it ends with, and the base DN
// from that province's province.yaml.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findProfile, profiles } from '../profiles/index.js';
import type { ProvinceProfile } from '../profiles/types.js';

export function profileOfAddress(address: string): ProvinceProfile | undefined {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return Object.values(profiles).find((p) => p.domain === domain);
}

/**
 * The rule set `<directory>/<domain>/province.yaml` names (a province may use another rule set
 * on the same domain, e.g. the fictional `ninhbinh-example`), else the profile of the domain.
 */
export function profileOfProvince(directory: string, domain: string): ProvinceProfile | undefined {
  const file = join(directory, domain, 'province.yaml');
  const ruleSet = existsSync(file) ? (parse(readFileSync(file, 'utf8')) as { ruleSet?: unknown } | null)?.ruleSet : undefined;
  return (typeof ruleSet === 'string' ? findProfile(ruleSet) : undefined) ?? profileOfAddress(`@${domain}`);
}

/** `ldap.baseDN` of `<directory>/<domain>/province.yaml`, or undefined. */
export function baseDnOf(directory: string, domain: string): string | undefined {
  const file = join(directory, domain, 'province.yaml');
  if (!existsSync(file)) return undefined;
  return (parse(readFileSync(file, 'utf8')) as { ldap?: { baseDN?: string } } | null)?.ldap?.baseDN;
}

/**
 * province.yaml `formerDomains` still accepted on `today` (a merged province's domain until its
 * last forward ends): the mail system must take mail for them (scripts/mail/config.ts).
 */
export function formerDomainsOf(directory: string, domain: string, today: string): string[] {
  const file = join(directory, domain, 'province.yaml');
  if (!existsSync(file)) return [];
  const list = (parse(readFileSync(file, 'utf8')) as { formerDomains?: { domain?: string; until?: string }[] } | null)?.formerDomains ?? [];
  return list.filter((f) => typeof f.domain === 'string' && typeof f.until === 'string' && today < f.until).map((f) => f.domain!);
}
