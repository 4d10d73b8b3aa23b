// The five province profiles. A sixth province is one more module here.
import { cantho } from './cantho.js';
import { dongnai } from './dongnai.js';
import { hungyen } from './hungyen.js';
import { ninhbinh } from './ninhbinh.js';
import { thuathienhue } from './thuathienhue.js';
import type { ProvinceProfile } from './types.js';

export const profiles: Record<string, ProvinceProfile> = { thuathienhue, dongnai, ninhbinh, cantho, hungyen };

export function findProfile(id: string): ProvinceProfile | undefined {
  return Object.hasOwn(profiles, id) ? profiles[id] : undefined;
}
