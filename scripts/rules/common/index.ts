// The rules every province shares. Province profiles compose these with their naming rules.
import type { Rule } from '../types.js';
import { addressDomain } from './address-domain.js';
import { addressSyntax } from './address-syntax.js';
import { addressUnique } from './address-unique.js';
import { agencyReferences } from './agency-references.js';
import { agencyTerritory } from './agency-territory.js';
import { appendixAddresses } from './appendix-addresses.js';
import { appendixCoverage } from './appendix-coverage.js';
import { contractMinimum } from './contract-minimum.js';
import { forwardPeriod } from './forward-period.js';
import { forwardStateOnly } from './forward-state-only.js';
import { forwardChain } from './forward-chain.js';
import { forwardLoop } from './forward-loop.js';
import { forwardTarget } from './forward-target.js';
import { listManagerReferences, listManagersMax } from './list-managers.js';
import { personNameText } from './person-name-text.js';
import { textMarkup } from './text-markup.js';
import { personIdUnique } from './person-id-unique.js';
import { personPublic } from './person-public.js';
import { quotaMax } from './quota-max.js';
import { requestsAddress } from './requests-address.js';
import { statusJustified } from './status-justified.js';
import { unitReferences } from './unit-references.js';

export const commonRules: Rule[] = [
  addressSyntax,
  addressDomain,
  addressUnique,
  personIdUnique,
  agencyReferences,
  agencyTerritory,
  unitReferences,
  listManagerReferences,
  listManagersMax,
  appendixAddresses,
  appendixCoverage,
  forwardStateOnly,
  forwardPeriod,
  forwardTarget,
  forwardLoop,
  forwardChain,
  statusJustified,
  quotaMax,
  contractMinimum,
  personNameText,
  textMarkup,
  requestsAddress,
  personPublic,
];
