// Ninh Bình — Quy chế 2020. Every number and article of the regulation used by danhba is here.
import { agencySuffix } from '../names/strategies/agency-suffix.js';
import { numbered } from '../names/strategies/collision-numbered.js';
import { givenInitials } from '../names/strategies/given-initials.js';
import { commonRules } from '../rules/common/index.js';
import { namingRules } from '../rules/naming/index.js';
import { defineProfile, RFC5321_LOCAL_PART } from './define.js';

export const ninhbinh = defineProfile({
  id: 'ninhbinh',
  name: 'Ninh Bình',
  decision: 'Quy chế 2020',
  domain: 'ninhbinh.gov.vn',
  articles: {
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
    revoke: '7',
    passwords: '11',
    forwardStateOnly: '12.5',
    publish: '13.4',
  },
  limits: {
    quotaMaxMB: {},
    suspendAfterInactiveMonths: 6, // Điều 7
    removeAfterWorkingDays: 15, // Điều 7
    quarantineMonths: 12,
    maxLocalPartLength: RFC5321_LOCAL_PART,
    passwords: {
      user: { minLength: 8, complex: true, maxAgeDays: 180 }, // Điều 11.1–11.2: ≥ 8, every 6 months
      admin: { minLength: 10, complex: true, maxAgeDays: 90 }, // Điều 11.1–11.2: ≥ 10, every 3 months
    },
    retentionDays: 365,
  },
  naming: {
    // Điều 5.2: minhnv.stttt; same name in the agency: minhnv2.stttt, minhnv3.stttt …
    person: { form: givenInitials, collision: numbered, agencyPart: agencySuffix },
    places: {
      district: { named: [{ place: 'Ninh Bình', label: 'tpb' }] }, // Điều 5.1.b
      commune: { withDistrict: true, named: [] }, // Điều 5.1.b: <xã>.<huyện>
    },
    units: { suffixAgency: true, subAgencies: true }, // Điều 5.1.a, 5.1.c
    adminAccounts: false,
    abbreviation: { forbiddenWords: ['va'] }, // Điều 5.1.a: without "và" or "-"
  },
  rules: [...commonRules, ...namingRules],
});
