// The administrative structure the data describes changes with the law, not with the
// regulation: since 1 July 2025 local government has two levels (province, commune) and no
// district. That change is a version of every profile (profiles/national.ts) and rules read it
// from the profile in force for the change they judge (`hasDistrictLevel`); these exports are
// for code that asks about a date without a profile (reorganize, messages).
import { TWO_LEVEL_GOVERNMENT } from '../profiles/national.js';

export const TWO_LEVEL_SINCE = TWO_LEVEL_GOVERNMENT.since;
export const TWO_LEVEL_BASIS = `${TWO_LEVEL_GOVERNMENT.basis.reference} (hiệu lực ${TWO_LEVEL_GOVERNMENT.since})`;

/** Whether a commune must sit under a district on `day` (YYYY-MM-DD). */
export const districtLevelExists = (day: string): boolean => day < TWO_LEVEL_SINCE;
