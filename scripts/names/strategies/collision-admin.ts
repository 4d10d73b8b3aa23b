// Collisions decided by the administrator: the first registered keeps the rule's address;
// everyone after needs a recorded decision (Huế Điều 4.2.b, Hưng Yên Điều 5.3, Đồng Nai
// Điều 4.2). Optional checks carry the conditions the regulation puts on that choice.
import { msg } from '../../i18n.js';
import { foldJoined } from '../fold.js';
import type { AdminCheck, CollisionPolicy } from '../types.js';

// Shared, not rebuilt for each of 100,000 people.
const THE_RULE = msg('theo quy tắc', 'the rule');
const ADMIN = msg('do quản trị quyết định', "the administrator's choice");

export function adminChoice(check?: AdminCheck): CollisionPolicy {
  return {
    id: 'admin-choice',
    describe: msg('trùng tên: quản trị quyết định', 'on a clash: the administrator decides'),
    *steps(parts, form) {
      yield { kind: 'name', name: form.build(parts), describe: THE_RULE };
      yield { kind: 'admin', describe: ADMIN, check };
    },
  };
}

/** Đồng Nai Điều 4.2: the administrator adds characters to the rule's address. */
export const addsCharacters: AdminCheck = (local, _parts, base) =>
  local.split('.')[0].startsWith(base) && local.split('.')[0] !== base
    ? undefined
    : msg(`Theo quy định, tên trùng được thêm ký tự vào sau "${base}".`, `On a clash the regulation adds characters after "${base}".`);

/** Hưng Yên Điều 5.3: the agreed address still contains the person's name. */
export const containsGivenName: AdminCheck = (local, parts) =>
  local.includes(foldJoined(parts.given))
    ? undefined
    : msg(`Địa chỉ thỏa thuận vẫn phải có tên "${foldJoined(parts.given)}" của người dùng.`, `The agreed address must still contain the person's name "${foldJoined(parts.given)}".`);
