// `.<agency mailbox>` after the name part: Ninh Bình `minhnv.stttt`, Huế `nvminh.stttt`.
// Staff of units (public-service units included) use their agency's mailbox, not the unit's.
import { msg } from '../../i18n.js';
import { localPart } from '../../model/mailboxes.js';
import type { AgencyPart } from '../types.js';

export const agencySuffix: AgencyPart = {
  id: 'agency-suffix',
  describe: msg('.<hộp thư cơ quan>', '.<agency mailbox>'),
  label: (agency) => localPart(agency.mailbox),
};
