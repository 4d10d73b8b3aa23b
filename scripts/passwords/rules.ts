// The password rules of a province, read from its profile: minimum length, the character
// classes required and (Hưng Yên Điều 8.1) the exact set of characters that count as special.
// danhba enforces these wherever it sets or changes a password; the server's ppolicy enforces
// length, history, age and lockout by itself (a hashed password cannot be checked for classes
// without a server-side check module, so classes are danhba's job).
import type { ProvinceProfile } from '../profiles/types.js';
import { actOf } from '../profiles/versions.js';

export type CharClass = 'upper' | 'lower' | 'digit' | 'special';
export const ALL: readonly CharClass[] = ['upper', 'lower', 'digit', 'special'];

export interface PasswordRules {
  minLength: number;
  classes: readonly CharClass[];
  /** Characters that count as special; undefined = anything that is not an ASCII letter or digit. */
  specials?: string;
  /** `Hưng Yên QĐ 08/2017 Điều 8.1`, for messages. */
  citation: string;
}

/** A profile policy, old shape (`complex`) or new (`classes`, `specials`, `article`). */
interface PolicyLike {
  minLength: number;
  complex?: boolean;
  classes?: readonly string[];
  specials?: string;
  article?: string;
}

/** Mailbox kind (LDAP employeeType) → the policy name the profile gives it. */
function policyNameOf(profile: ProvinceProfile, kind: string): string {
  const of = (profile.limits as { passwordPolicyOf?: Record<string, string> }).passwordPolicyOf;
  return of?.[kind] ?? (kind === 'admin' ? 'admin' : 'user');
}

/** `profile`: the one in force for the account (profileInForce), whose act the citation names. */
export function rulesFor(profile: ProvinceProfile, kind = 'person'): PasswordRules {
  const all = profile.limits.passwords as unknown as Record<string, PolicyLike | undefined>;
  const name = all[policyNameOf(profile, kind)] ? policyNameOf(profile, kind) : 'user';
  const p = all[name]!;
  const classes = (p.classes ?? (p.complex ? ALL : [])).filter((c): c is CharClass => (ALL as readonly string[]).includes(c));
  const article = p.article ?? profile.articles.passwords;
  return {
    minLength: p.minLength,
    classes,
    ...(p.specials ? { specials: p.specials } : {}),
    citation: `${actOf(profile, (o) => (o.limits?.passwords as Record<string, unknown> | undefined)?.[name])}${article ? ` Điều ${article}` : ''}`,
  };
}

export function classOf(ch: string, specials: string | undefined): CharClass | undefined {
  if (/^[A-Z]$/.test(ch)) return 'upper';
  if (/^[a-z]$/.test(ch)) return 'lower';
  if (/^[0-9]$/.test(ch)) return 'digit';
  if (specials === undefined) return /^[\x21-\x7e]$/.test(ch) ? 'special' : undefined;
  return specials.includes(ch) ? 'special' : undefined;
}

export interface PasswordProblem {
  code: 'length' | 'class' | 'character';
  vi: string;
  en: string;
}

const CLASS_NAMES: Record<CharClass, { vi: string; en: string }> = {
  upper: { vi: 'chữ in hoa', en: 'an upper-case letter' },
  lower: { vi: 'chữ in thường', en: 'a lower-case letter' },
  digit: { vi: 'chữ số', en: 'a digit' },
  special: { vi: 'ký tự đặc biệt', en: 'a special character' },
};

/** What is wrong with a password under the rules (empty = acceptable). Never echoes the password. */
export function checkPassword(password: string, rules: PasswordRules): PasswordProblem[] {
  const out: PasswordProblem[] = [];
  const chars = [...password];
  if (chars.length < rules.minLength) {
    out.push({ code: 'length', vi: `Mật khẩu phải có ít nhất ${rules.minLength} ký tự (${rules.citation})`, en: `the password needs at least ${rules.minLength} characters (${rules.citation})` });
  }
  const seen = new Set<CharClass>();
  for (const ch of chars) {
    const c = classOf(ch, rules.specials);
    if (c) seen.add(c);
  }
  for (const c of rules.classes) {
    if (seen.has(c)) continue;
    const set = c === 'special' && rules.specials ? ` (${[...rules.specials].join(' ')})` : '';
    out.push({ code: 'class', vi: `Mật khẩu phải có ${CLASS_NAMES[c].vi}${set} (${rules.citation})`, en: `the password needs ${CLASS_NAMES[c].en}${set} (${rules.citation})` });
  }
  // Control characters and spaces break clients and logs; non-ASCII is typed differently per keyboard.
  if (chars.some((ch) => !/^[\x21-\x7e]$/.test(ch))) {
    out.push({ code: 'character', vi: 'Mật khẩu chỉ gồm ký tự ASCII in được, không dấu cách (chính sách danhba)', en: 'the password may hold printable ASCII only, no spaces (danhba policy)' });
  }
  return out;
}
