// EXAMPLE, NOT LAW. Ninh Bình's profile with versions, to show and test how danhba picks the
// rules in force (profiles/versions.ts). Since 1 July 2025 Ninh Bình includes the territories of
// the former Hà Nam and Nam Định provinces (Nghị quyết 202/2025/QH15). Every act below is
// FICTIONAL — numbers, dates and articles are invented — and every citation of it says so:
//   - "Hà Nam QĐ 25/2019": the former Hà Nam's rules, which its territory keeps inside Ninh Bình
//     until Ninh Bình's new regulation covers it (a transfer forwards 3 months; 2 GB personal;
//     user passwords of 10 characters or more, changed every 90 days; idle mailboxes suspended
//     after 3 months, removed 10 working days after the notice).
//   - "Ninh Bình QĐ 99/2026", in force 1 January 2027 for the old Ninh Bình and the former Nam
//     Định only (a transfer forwards exactly 2 months; 5 GB personal, 10 GB unit mailboxes; 25 MB
//     per message).
//   - the same regulation extended to the former Hà Nam from 1 July 2027 (by "QĐ 12/2027").
// It is a separate rule set (`ruleSet: ninhbinh-example`, used by test/fixtures/versions/) rather
// than versions of the real `ninhbinh` profile: a fictional act in the real profile would start
// judging the real province on its date. A real version is written the same way in
// scripts/profiles/<province>.ts (`versions: [...]`), citing the signed act.
import { ninhbinh } from './ninhbinh.js';
import { defineProfile } from './define.js';
import type { ProfileVersion, VersionBasis, VersionOverrides } from './versions.js';

const EXAMPLE = 'VÍ DỤ MINH HOẠ, không phải văn bản thật';

export const HANAM_2019: ProfileVersion = {
  since: '2019-06-01',
  territory: ['hanam'],
  basis: { reference: 'QĐ 25/2019/QĐ-UBND', date: '2019-05-10', cite: 'QĐ 25/2019', issuer: 'Hà Nam', title: 'Quy chế thư điện tử công vụ tỉnh Hà Nam (hư cấu)', example: EXAMPLE },
  overrides: {
    // Only the parts that differ from Ninh Bình's, kept small for the example; a transcription of
    // a whole regulation would say `replaces: true` and set every article it has.
    articles: { transfer: '12.2', forwardPeriod: '12.2', quota: '8', passwords: '6', inactivity: '9', publish: '10' },
    limits: {
      forwardAfterTransferMonths: 3,
      forwardAfterRenameMonths: 3,
      quotaMaxMB: { personal: 2048 },
      // suspended after 3 months without a login, removed 10 working days after the notice
      suspendAfterInactiveMonths: 3,
      inactivityArticle: '9',
      removeAfterWorkingDays: 10,
      // its own user password policy: the LDAP sync binds the territory's accounts to cn=user-hanam
      passwords: { user: { article: '6.1', label: 'người sử dụng', minLength: 10, classes: ['upper', 'lower', 'digit', 'special'], maxAgeDays: 90 } },
    },
  },
};

const QD_99_2026: VersionBasis = { reference: 'QĐ 99/2026/QĐ-UBND', date: '2026-12-15', cite: 'QĐ 99/2026', title: 'Quy chế thư điện tử công vụ tỉnh Ninh Bình (hư cấu)', example: EXAMPLE };

// What QĐ 99/2026 changes; the extension to Hà Nam applies the same.
const QD_99_2026_RULES: VersionOverrides = {
  articles: { transfer: '9.1', forwardPeriod: '9.2', quota: '10.1', publish: '13' },
  limits: { forwardAfterTransferMonths: 2, forwardAfterRenameMonths: 2, quotaMaxMB: { agency: null, unit: 10240, personal: 5120 }, messageMaxMB: 25 },
};

export const NINHBINH_2027: ProfileVersion = { since: '2027-01-01', territory: ['ninhbinh', 'namdinh'], basis: QD_99_2026, overrides: QD_99_2026_RULES };

export const NINHBINH_2027_HANAM: ProfileVersion = {
  since: '2027-07-01',
  territory: ['hanam'],
  basis: { ...QD_99_2026, title: 'áp dụng cho địa bàn tỉnh Hà Nam cũ từ 01/7/2027 theo QĐ 12/2027/QĐ-UBND (hư cấu)' },
  // Ninh Bình's regulation now covers the territory: Hà Nam's password policy and inactivity
  // months give way to Ninh Bình's (the same policy object, so the LDAP sync binds these
  // accounts to cn=user again).
  overrides: {
    ...QD_99_2026_RULES,
    articles: { ...QD_99_2026_RULES.articles, passwords: ninhbinh.articles.passwords, inactivity: ninhbinh.articles.inactivity },
    limits: {
      ...QD_99_2026_RULES.limits,
      passwords: { user: ninhbinh.limits.passwords.user },
      suspendAfterInactiveMonths: ninhbinh.limits.suspendAfterInactiveMonths,
      inactivityArticle: ninhbinh.limits.inactivityArticle,
      removeAfterWorkingDays: ninhbinh.limits.removeAfterWorkingDays,
    },
  },
};

export const ninhbinhExample = defineProfile({
  ...ninhbinh,
  id: 'ninhbinh-example',
  territory: 'ninhbinh',
  versions: [HANAM_2019, NINHBINH_2027, NINHBINH_2027_HANAM],
});
