// Hưng Yên — QĐ 08/2017/QĐ-UBND. Every number and article of the regulation used by danhba is here.
import { adminChoice, agreedAddress } from '../names/strategies/collision-admin.js';
import { initialsGiven } from '../names/strategies/initials-given.js';
import { commonRules } from '../rules/common/index.js';
import { namingRules } from '../rules/naming/index.js';
import { ALL_CLASSES, defineProfile, RFC5321_LOCAL_PART } from './define.js';

export const hungyen = defineProfile({
  id: 'hungyen',
  name: 'Hưng Yên',
  domain: 'hungyen.gov.vn',
  decision: 'QĐ 08/2017',
  articles: {
    requests: '6.1',
    addressSyntax: '5.1',
    addressUnique: '5.3',
    domain: '5',
    references: '5.1',
    agencyAddress: '5.1.a',
    districtAddress: '5.1.b',
    communeAddress: '5.1.c',
    unitAddress: '5.1.d',
    personAddress: '5.2',
    personCollision: '5.3',
    suspend: '7',
    revoke: '6.2', // Điều 6.2.c: revocation on the agency's written request
    passwords: '8',
    forwardStateOnly: '12.3.b',
    publish: '11.3',
  },
  limits: {
    quotaMaxMB: {},
    quarantineMonths: 12,
    maxLocalPartLength: RFC5321_LOCAL_PART,
    passwords: {
      // Điều 8.1: ≥ 8, upper, lower, a digit and one of ! # % & * (its example "MatKhau$789" uses
      // "$", outside the list: the list is the rule, the example is not).
      user: { article: '8.1', label: 'hộp thư công vụ', minLength: 8, classes: [...ALL_CLASSES], specials: '!#%&*' },
    },
    passwordPolicyOf: { person: 'user', agency: 'user', unit: 'user', admin: 'user' },
    retentionDays: 365,
  },
  naming: {
    // Điều 5.2: nhphuc@, no agency part; Điều 5.3: clashes agreed with the owner, keeping the name.
    // Điều 5.3 "ngắn gọn": at most 4 characters more than the rule's address (a reading, names/README).
    person: { form: initialsGiven, collision: adminChoice(agreedAddress(4)) },
    places: {
      district: { named: [] }, // Điều 5.1.b: tienlu
      commune: { withDistrict: false, named: [] }, // Điều 5.1.c: anvien, no district part
    },
    units: { suffixAgency: true, subAgencies: true }, // Điều 5.1.d: ptckh.tienlu
    adminAccounts: false,
    abbreviation: { forbiddenWords: [] },
  },
  requests: { address: 'sotttt@hungyen.gov.vn' }, // Điều 6.1
  forwardTargets: 'province',
  rules: [...commonRules, ...namingRules],
});
