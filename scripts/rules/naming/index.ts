// Naming and structure rules. Every profile appends all of them: each rule reads the parts of
// `profile.naming` it needs and does nothing where the regulation is silent.
import type { Rule } from '../types.js';
import { abbreviationForbiddenWord } from './abbreviation-forbidden-word.js';
import { adminAddress } from './admin-address.js';
import { agencyAbbreviation } from './agency-abbreviation.js';
import { collisionChoice } from './collision-choice.js';
import { communeAddress } from './commune-address.js';
import { districtAddress } from './district-address.js';
import { nameLookalike } from './name-lookalike.js';
import { nameParts } from './name-parts.js';
import { personAddress } from './person-address.js';
import { personCollision } from './person-collision.js';
import { provinceCommitteeAddress } from './province-committee-address.js';
import { unitAbbreviation } from './unit-abbreviation.js';
import { unitAddress } from './unit-address.js';

export const namingRules: Rule[] = [
  nameParts,
  nameLookalike,
  personAddress,
  personCollision,
  collisionChoice,
  adminAddress,
  provinceCommitteeAddress,
  districtAddress,
  communeAddress,
  unitAddress,
  agencyAbbreviation,
  abbreviationForbiddenWord,
  unitAbbreviation,
];
