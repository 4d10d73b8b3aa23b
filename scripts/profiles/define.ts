import type { CharClass, ProvinceProfile } from './types.js';

/** Identity helper so each profile module is type-checked as a whole. */
export function defineProfile(profile: ProvinceProfile): ProvinceProfile {
  return profile;
}

/** RFC 5321 local-part limit, shared by every profile. */
export const RFC5321_LOCAL_PART = 64;

/**
 * The largest `pwdInHistory` OpenLDAP's ppolicy accepts: it parses the value with lutil_atoi into
 * a C int, and a value that does not parse makes the server ignore the whole policy entry. For
 * "never reuse a used password" (Huế Điều 6.7, 7.6, 8.3) this remembers every password an account
 * will ever have. Read in ppolicy.c (OpenLDAP 2.5/2.6, `pass_policy.pwdInHistory` is an int).
 */
export const PPOLICY_HISTORY_MAX = 2_147_483_647;

/** Every character class: upper and lower case, digit and special character. */
export const ALL_CLASSES = ['upper', 'lower', 'digit', 'special'] as const satisfies readonly CharClass[];
