import type { ProvinceProfile } from './types.js';

/** Identity helper so each profile module is type-checked as a whole. */
export function defineProfile(profile: ProvinceProfile): ProvinceProfile {
  return profile;
}

/** RFC 5321 local-part limit, shared by every profile. */
export const RFC5321_LOCAL_PART = 64;
