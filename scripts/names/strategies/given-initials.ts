// The given name in full, then the initials of the family and middle names:
// Nguyễn Văn Minh → minhnv (Đồng Nai Điều 4.2, Ninh Bình Điều 5.2.a).
import { msg } from '../../i18n.js';
import { foldInitials, foldJoined } from '../fold.js';
import type { NameForm } from '../types.js';

export const givenInitials: NameForm = {
  id: 'given-initials',
  describe: msg('tên + chữ cái đầu của họ và tên đệm', 'given name + initials of family and middle names'),
  build: (p) => foldJoined(p.given) + foldInitials([p.family, ...p.middle].join(' ')),
};
