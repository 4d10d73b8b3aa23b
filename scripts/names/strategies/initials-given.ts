// Initials of the family and middle names, then the given name in full:
// Nguyễn Văn Minh → nvminh (Huế Điều 4.2.b, Cần Thơ Điều 4.2.c, Hưng Yên Điều 5.2).
import { msg } from '../../i18n.js';
import { foldInitials, foldJoined } from '../fold.js';
import type { NameForm } from '../types.js';

export const initialsGiven: NameForm = {
  id: 'initials-given',
  describe: msg('chữ cái đầu của họ và tên đệm + tên', 'initials of family and middle names + given name'),
  build: (p) => foldInitials([p.family, ...p.middle].join(' ')) + foldJoined(p.given),
};
