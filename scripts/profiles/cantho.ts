// Cần Thơ — QĐ 33/2015/QĐ-UBND (OCR read). Every number and article of the regulation used by danhba is here.
import { expanding } from '../names/strategies/collision-expanding.js';
import { initialsGiven } from '../names/strategies/initials-given.js';
import { commonRules } from '../rules/common/index.js';
import { lifecycleRules } from '../rules/lifecycle/index.js';
import { namingRules } from '../rules/naming/index.js';
import { ALL_CLASSES, defineProfile, RFC5321_LOCAL_PART } from './define.js';

export const cantho = defineProfile({
  id: 'cantho',
  name: 'Cần Thơ',
  domain: 'cantho.gov.vn',
  decision: 'QĐ 33/2015',
  articles: {
    requests: '6.1.a',
    addressSyntax: '4.2',
    addressUnique: '4.2.a',
    domain: '4.2',
    references: '4.2',
    agencyAddress: '4.2.a',
    unitAddress: '4.2.b',
    personAddress: '4.2.c',
    personCollision: '4.2.d',
    quota: '4.1',
    suspend: '5.4',
    inactivity: '5.4',
    revoke: '5.4',
    passwords: '10.3',
    // Điều 10.4: "phải sử dụng địa chỉ thư điện tử với tên miền cantho.gov.vn", public mailboxes
    // (Gmail, Yahoo…) restricted for work: forwarding stays on the city's domain.
    forwardStateOnly: '10.4',
    // Điều 11.5: the agency list "phải được quản lý, kiểm soát chặt chẽ bằng tài khoản hộp thư
    // điện tử của cơ quan đơn vị hoặc một hộp thư điện tử cá nhân người dùng do Thủ trưởng cơ quan
    // nhà nước ủy quyền". Read as: only those mailboxes post to the list (the mail system's
    // policy service, scripts/mail/list-policy.ts).
    mailingList: '11.5',
  },
  limits: {
    // Điều 4.1: agency unlimited; unit "1GGB" in the scan, read as 10 GB; personal 5 GB
    quotaMaxMB: { agency: null, unit: 10240, personal: 5120 },
    suspendAfterInactiveMonths: 3, // Điều 5.4
    inactivityArticle: '5.4',
    removeAfterWorkingDays: 15, // Điều 5.4
    quarantineMonths: 12,
    maxLocalPartLength: RFC5321_LOCAL_PART,
    passwords: {
      user: { article: '10.3', label: 'hộp thư người dùng', minLength: 8, classes: [...ALL_CLASSES], maxAgeDays: 90 }, // Điều 10.3.a–b: every 3 months
      // Điều 11.4: "hộp thư điện tử của cơ quan nhà nước, đơn vị" change every 2 months. Cần Thơ has no admin accounts.
      shared: { article: '11.4', label: 'hộp thư chung của cơ quan, đơn vị', minLength: 8, classes: [...ALL_CLASSES], maxAgeDays: 60 },
    },
    passwordPolicyOf: { person: 'user', agency: 'shared', unit: 'shared', admin: 'shared' },
    retentionDays: 365,
    listManagersMax: 1, // Điều 11.5: "một hộp thư điện tử cá nhân"
  },
  naming: {
    // Điều 4.2.c–d: nvminh → nvanminh → nguyenvanminh → the administrator.
    person: { form: initialsGiven, collision: expanding },
    places: {}, // no district or commune rule: they are agencies (Điều 4.2.a)
    units: { suffixAgency: true, subAgencies: false }, // Điều 4.2.b: vanphong.sokhdt
    adminAccounts: false,
    abbreviation: { forbiddenWords: [] },
  },
  requests: {
    address: 'sotttt@cantho.gov.vn',
    // The scan of Điều 6.1.a reads "sottt@cantho.gov.vn" (one t short): the Sở TT&TT's mailbox,
    // which the Điều 4.2.a pattern ("so" + initials, like sonv, sokhdt) makes sotttt@.
    doubt: 'Bản quét Điều 6.1.a đọc "sottt@cantho.gov.vn"; theo mẫu Điều 4.2.a (so + chữ đầu: sonv, sokhdt) hộp thư của Sở TT&TT là sotttt@cantho.gov.vn',
  },
  forwardTargets: 'province',
  rules: [...commonRules, ...namingRules, ...lifecycleRules],
});
