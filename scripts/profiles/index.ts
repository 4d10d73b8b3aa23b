// The five province profiles. A sixth province is one more module here.
import { cantho } from './cantho.js';
import { dongnai } from './dongnai.js';
import { hungyen } from './hungyen.js';
import { ninhbinh } from './ninhbinh.js';
import { ninhbinhExample } from './ninhbinh-example.js';
import { thuathienhue } from './thuathienhue.js';
import type { ProvinceProfile } from './types.js';
import { versionsOf } from './versions.js';

export const profiles: Record<string, ProvinceProfile> = { thuathienhue, dongnai, ninhbinh, cantho, hungyen };

/**
 * Rule sets that are not a province's regulation: `ninhbinh-example` is Ninh Bình with fictional
 * versions (profiles/ninhbinh-example.ts), for the example in test/fixtures/versions/.
 */
export const exampleProfiles: Record<string, ProvinceProfile> = { 'ninhbinh-example': ninhbinhExample };

export function findProfile(id: string): ProvinceProfile | undefined {
  if (Object.hasOwn(profiles, id)) return profiles[id];
  return Object.hasOwn(exampleProfiles, id) ? exampleProfiles[id] : undefined;
}

/**
 * The longest address quarantine any profile or version of one sets: how long history must
 * remember a released address (git/quarantine.ts forgets closed tenures after that).
 */
export const LONGEST_QUARANTINE_MONTHS = Math.max(
  ...[...Object.values(profiles), ...Object.values(exampleProfiles)].flatMap((p) => [p.limits.quarantineMonths, ...versionsOf(p).flatMap((v) => v.overrides.limits?.quarantineMonths ?? [])]),
);
