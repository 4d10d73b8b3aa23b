// Random initial passwords that meet a province's rules: crypto-random, every required class at
// least once, only the province's special characters (Hưng Yên: ! # % & *), no look-alikes
// (0/O, 1/l/I) since the user types it once from a printout.
import { randomInt } from 'node:crypto';
import { checkPassword, type CharClass, type PasswordRules } from './rules.js';

const POOLS: Record<Exclude<CharClass, 'special'>, string> = {
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  lower: 'abcdefghijkmnopqrstuvwxyz',
  digit: '23456789',
};
/** Specials when the profile names none: ones no shell, URL or config quoting trips over. */
export const DEFAULT_SPECIALS = '!#%&*+-=?@^_';

/** At least 16 characters (more than any regulation asks, still typeable). */
export const MIN_GENERATED = 16;

export function generatePassword(rules: PasswordRules): string {
  const specials = rules.specials ?? DEFAULT_SPECIALS;
  const length = Math.max(rules.minLength, MIN_GENERATED);
  const pools = [POOLS.upper, POOLS.lower, POOLS.digit, specials];
  const chars: string[] = [];
  // One of each class first (all four, required or not: stronger, and never wrong).
  for (const pool of pools) chars.push(pool[randomInt(pool.length)]!);
  const all = pools.join('');
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  // Fisher–Yates, so the required characters are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  const password = chars.join('');
  if (checkPassword(password, rules).length) throw new Error('generatePassword: result breaks the rules (bug)');
  return password;
}
