// Ninh Bình — Quy chế 2020. Every number and article of the regulation used by danhba is here.
import { agencySuffix } from '../names/strategies/agency-suffix.js';
import { numbered } from '../names/strategies/collision-numbered.js';
import { givenInitials } from '../names/strategies/given-initials.js';
import { commonRules } from '../rules/common/index.js';
import { lifecycleRules } from '../rules/lifecycle/index.js';
import { namingRules } from '../rules/naming/index.js';
import { ALL_CLASSES, defineProfile, RFC5321_LOCAL_PART } from './define.js';

export const ninhbinh = defineProfile({
  id: 'ninhbinh',
  name: 'Ninh Bình',
  decision: 'Quy chế 2020',
  domain: 'ninhbinh.gov.vn',
  articles: {
    requests: '6.1',
    addressSyntax: '5.1',
    addressUnique: '5',
    domain: '5.1',
    references: '5.1',
    agencyAddress: '5.1.a',
    districtAddress: '5.1.b',
    communeAddress: '5.1.b',
    unitAddress: '5.1.c',
    personAddress: '5.2.a',
    personCollision: '5.2.b',
    suspend: '7',
    inactivity: '7.1',
    leavingRevocation: '7.2',
    revoke: '7',
    passwords: '11',
    forwardStateOnly: '12.5',
    publish: '13.4',
  },
  limits: {
    quotaMaxMB: {},
    suspendAfterInactiveMonths: 6, // Điều 7.1: 6 months without login → suspended, notice sent
    inactivityArticle: '7.1',
    removeAfterWorkingDays: 15, // Điều 7.1: removed 15 working days after the notice
    leavingRequestDays: 5, // Điều 7.2: request within 05 days of the decision
    leavingExecuteWorkingDays: 3, // Điều 7.2: carried out within 03 working days of the request
    quarantineMonths: 12,
    maxLocalPartLength: RFC5321_LOCAL_PART,
    passwords: {
      user: { article: '11.1–11.2', label: 'người sử dụng', minLength: 8, classes: [...ALL_CLASSES], maxAgeDays: 180 }, // ≥ 8, every 6 months
      admin: { article: '11.1–11.2', label: 'quản trị hệ thống', minLength: 10, classes: [...ALL_CLASSES], maxAgeDays: 90 }, // ≥ 10, every 3 months
    },
    // Điều 11 distinguishes system administrators from users; agency mailboxes are used by the
    // văn thư (Điều 8.1), a user: the user policy (names/README readings).
    passwordPolicyOf: { person: 'user', agency: 'user', unit: 'user', admin: 'admin' },
    retentionDays: 365,
  },
  naming: {
    // Điều 5.2: minhnv.stttt; same name in the agency: minhnv2.stttt, minhnv3.stttt …
    person: { form: givenInitials, collision: numbered, agencyPart: agencySuffix },
    places: {
      province: { label: 'ubnd' }, // Điều 5.1.a: "Ủy ban nhân dân tỉnh sử dụng tên viết tắt là: ubnd@ninhbinh.gov.vn"
      district: { named: [{ place: 'Ninh Bình', label: 'tpb' }] }, // Điều 5.1.b
      commune: { withDistrict: true, named: [] }, // Điều 5.1.b: <xã>.<huyện>
    },
    units: { suffixAgency: true, subAgencies: true }, // Điều 5.1.a, 5.1.c
    adminAccounts: false,
    abbreviation: { forbiddenWords: ['va'] }, // Điều 5.1.a: without "và" or "-"
  },
  requests: { address: 'stttt@ninhbinh.gov.vn' }, // Điều 6.1
  forwardTargets: 'state',
  rules: [...commonRules, ...namingRules, ...lifecycleRules],
});
