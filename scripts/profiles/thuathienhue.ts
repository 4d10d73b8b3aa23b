// Thừa Thiên Huế — QĐ 65/2018/QĐ-UBND. Every number and article of the regulation used by
// danhba is here.
import { adminChoice } from '../names/strategies/collision-admin.js';
import { communeSuffix } from '../names/strategies/commune-suffix.js';
import { initialsGiven } from '../names/strategies/initials-given.js';
import { commonRules } from '../rules/common/index.js';
import { lifecycleRules } from '../rules/lifecycle/index.js';
import { namingRules } from '../rules/naming/index.js';
import { ALL_CLASSES, defineProfile, PPOLICY_HISTORY_MAX, RFC5321_LOCAL_PART } from './define.js';

export const thuathienhue = defineProfile({
  id: 'thuathienhue',
  name: 'Thừa Thiên Huế',
  domain: 'thuathienhue.gov.vn',
  decision: 'QĐ 65/2018',
  articles: {
    requests: '12.2',
    addressSyntax: '4.2',
    addressUnique: '4.2',
    domain: '4.2',
    references: '4.2.a',
    appendix: '4.2.a (Phụ lục)',
    agencyAddress: '4.2.a',
    districtAddress: '4.2.a',
    communeAddress: '4.2.a',
    unitAddress: '4.2.a',
    personAddress: '4.2.b',
    personCollision: '4.2.b',
    adminAddress: '4.2.c',
    passwords: '6.7',
    forwardStateOnly: '11.6',
    contract: '12.3',
    transfer: '12.4.b',
    forwardPeriod: '12.4.b-c',
    revoke: '12.4.d',
    suspend: '13',
    inactivity: '13.2.a',
    quota: '14',
    publish: '16.3',
    personalPublic: '7.1',
  },
  limits: {
    quotaMaxMB: { agency: 5120, unit: 5120, personal: 5120 }, // Điều 14: 5 GB per mailbox
    messageMaxMB: 20, // Điều 14
    minContractMonths: 12, // Điều 12.3
    forwardAfterTransferMonths: 1, // Điều 12.4.b
    forwardAfterRenameMonths: 2, // Điều 12.4.c
    suspendAfterInactiveMonths: 6, // Điều 13.2.a: "06 tháng không đăng nhập thì hệ thống sẽ tự động khóa"
    inactivityArticle: '13.2.a',
    quarantineMonths: 12, // not in the regulation: danhba default
    maxLocalPartLength: RFC5321_LOCAL_PART,
    // "không sử dụng lại mật khẩu đã sử dụng" (Điều 6.7, 7.6, 8.3): no reuse at all, so the
    // largest history the server accepts, not a small number that allows reuse after N changes.
    passwords: {
      user: { article: '7.5–7.6', label: 'hộp thư cá nhân', minLength: 9, classes: [...ALL_CLASSES], maxAgeDays: 90, history: PPOLICY_HISTORY_MAX }, // "> 8", ≤ 90 days
      // Điều 6.7 gives unit mailboxes 90 days and no reuse but no length: danhba applies 7.5's (names/README readings).
      shared: { article: '6.7', label: 'hộp thư cơ quan, đơn vị', minLength: 9, classes: [...ALL_CLASSES], maxAgeDays: 90, history: PPOLICY_HISTORY_MAX },
      admin: { article: '8.2–8.3', label: 'tài khoản quản trị', minLength: 13, classes: [...ALL_CLASSES], maxAgeDays: 60, history: PPOLICY_HISTORY_MAX }, // "> 12", ≤ 60 days
    },
    passwordPolicyOf: { person: 'user', agency: 'shared', unit: 'shared', admin: 'admin' },
    retentionDays: 365, // not in the regulation: danhba default
  },
  naming: {
    // Điều 4.2.b: nvminh.stttt; commune staff nvminh.<xã>, + district abbreviation for the
    // repeated commune names; clashes renamed by STTTT on the agency head's request.
    person: { form: initialsGiven, collision: adminChoice(), agencyPart: communeSuffix(['Phú Thuận', 'Hương Phong']) },
    places: {
      district: { named: [{ place: 'Huế', label: 'tphue' }] }, // Phụ lục: the city keeps "tp"
      commune: {
        withDistrict: true, // Điều 4.2.a: <xã>.<huyện>
        townSameAsDistrict: 'tt', // Điều 4.2.a: "thêm từ viết tắt của từ thị trấn"
        named: [
          { place: 'Hương Văn', district: 'huongtra', label: 'huongvan01' },
          { place: 'Hương Vân', district: 'huongtra', label: 'huongvan02' },
        ],
      },
    },
    units: { suffixAgency: true, subAgencies: false },
    adminAccounts: true, // Điều 4.2.c: admin.<agency>
    abbreviation: { forbiddenWords: [] },
  },
  requests: { address: 'tiepnhan@thuathienhue.gov.vn' }, // Điều 12.2
  forwardTargets: 'state',
  personalMailboxesPublic: true, // Điều 7.1: "Hộp thư điện tử phải được công khai"
  rules: [...commonRules, ...namingRules, ...lifecycleRules],
});
