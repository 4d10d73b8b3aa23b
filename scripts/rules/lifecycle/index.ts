// Rules on the lifecycle timeline (working days, deadlines), shared by every province; each does
// nothing where the profile has no such deadline.
import type { Rule } from '../types.js';
import { inactivityRemovalDue } from './inactivity-removal-due.js';
import { leavingRequestPeriod } from './leaving-request-period.js';
import { leavingRevocationLate } from './leaving-revocation-late.js';

export const lifecycleRules: Rule[] = [inactivityRemovalDue, leavingRevocationLate, leavingRequestPeriod];
