// Đồng Nai — QĐ 70/2009/QĐ-UBND. Every number and article of the regulation used by danhba is here.
import { addsCharacters, adminChoice } from '../names/strategies/collision-admin.js';
import { givenInitials } from '../names/strategies/given-initials.js';
import { commonRules } from '../rules/common/index.js';
import { namingRules } from '../rules/naming/index.js';
import { ALL_CLASSES, defineProfile, RFC5321_LOCAL_PART } from './define.js';

export const dongnai = defineProfile({
  id: 'dongnai',
  name: 'Đồng Nai',
  domain: 'dongnai.gov.vn',
  decision: 'QĐ 70/2009',
  articles: {
    addressSyntax: '4.2',
    addressUnique: '4.2',
    domain: '4.2',
    references: '4.2',
    agencyAddress: '4.2',
    personAddress: '4.2',
    personCollision: '4.2',
    transfer: '5',
    revoke: '5',
    forwardStateOnly: '9.10', // "Chỉ sử dụng hộp thư điện tử với địa chỉ tên miền dongnai.gov.vn"

    publish: '5.5',
  },
  limits: {
    quotaMaxMB: {}, // the regulation sets no quota
    quarantineMonths: 12, // danhba default
    maxLocalPartLength: RFC5321_LOCAL_PART,
    passwords: {
      // Điều 9.1: change the initial password, change it regularly; no length given: danhba baseline
      user: { article: '9.1', label: 'hộp thư công vụ', minLength: 8, classes: [...ALL_CLASSES] },
    },
    passwordPolicyOf: { person: 'user', agency: 'user', unit: 'user', admin: 'user' },
    retentionDays: 365,
  },
  naming: {
    // Điều 4.2: minhnv@, no agency part; a clash adds characters chosen by the administrator.
    person: { form: givenInitials, collision: adminChoice(addsCharacters) },
    places: {}, // only "tênCQ@": no district, commune or unit rule
    units: { suffixAgency: false, subAgencies: false },
    adminAccounts: false,
    abbreviation: { forbiddenWords: [] },
  },
  forwardTargets: 'province',
  rules: [...commonRules, ...namingRules],
});
