// Password rules from the profiles (Huế 7.5/8.2, Hưng Yên 8.1, Cần Thơ 10.3.b/11.4.c): what danhba
// checks wherever it sets or changes a password, and the random initial passwords it generates.
import { describe, expect, it } from 'vitest';
import { generatePassword } from '../../scripts/passwords/generate.js';
import { checkPassword, classOf, rulesFor } from '../../scripts/passwords/rules.js';
import { profiles } from '../../scripts/profiles/index.js';
import { hungyen } from '../../scripts/profiles/hungyen.js';
import { thuathienhue } from '../../scripts/profiles/thuathienhue.js';

describe('password rules', () => {
  it('Hưng Yên Điều 8.1: only ! # % & * count as special; the regulation’s own example with "$" does not pass', () => {
    const rules = rulesFor(hungyen);
    expect(rules.specials).toBe('!#%&*');
    expect(checkPassword('MatKhau$789', rules).map((p) => p.code)).toEqual(['class']);
    expect(checkPassword('MatKhau$789', rules)[0]!.vi).toContain('! # % & *');
    expect(checkPassword('MatKhau#789', rules)).toEqual([]);
  });

  it('Huế: more than 8 characters with every class (Điều 7.5); the admin policy needs more than 12 (Điều 8.2)', () => {
    const user = rulesFor(thuathienhue, 'person');
    expect(checkPassword('Hue#2026a', user)).toEqual([]);
    expect(checkPassword('Hue#2026', user).map((p) => p.code)).toEqual(['length']);
    expect(checkPassword('hue#2026ab', user).map((p) => p.code)).toEqual(['class']);
    const admin = rulesFor(thuathienhue, 'admin');
    expect(admin.minLength).toBeGreaterThan(user.minLength);
    expect(checkPassword('Hue#2026abcd', admin).map((p) => p.code)).toEqual(['length']);
  });

  it('refuses spaces and non-ASCII letters (danhba policy, said so)', () => {
    const problems = checkPassword('Mật khẩu#2026', rulesFor(thuathienhue));
    expect(problems.some((p) => p.code === 'character' && p.vi.includes('chính sách danhba'))).toBe(true);
  });

  it('generates passwords that pass every province’s rules, for every mailbox kind, using only the allowed specials', () => {
    for (const profile of Object.values(profiles)) {
      for (const kind of ['person', 'agency', 'unit', 'admin']) {
        const rules = rulesFor(profile, kind);
        for (let i = 0; i < 50; i++) {
          const pw = generatePassword(rules);
          expect(checkPassword(pw, rules), `${profile.id}/${kind}`).toEqual([]);
          if (rules.specials) for (const ch of pw) expect(classOf(ch, rules.specials), `${profile.id}: ${ch}`).toBeDefined();
        }
      }
    }
  });
});
