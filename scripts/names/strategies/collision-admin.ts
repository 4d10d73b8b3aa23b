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

/**
 * Hưng Yên Điều 5.3: the agreed address is "ngắn gọn, dễ nhớ và có tên của … cá nhân": it still
 * contains the person's given name, and it is short: at most `maxExtra` characters longer than
 * the rule's own address (a reading: the text sets no number; names/README readings).
 */
export function agreedAddress(maxExtra: number): AdminCheck {
  return (local, parts, base) => {
    const given = foldJoined(parts.given);
    if (!local.includes(given)) return msg(`Địa chỉ thỏa thuận vẫn phải có tên "${given}" của người dùng.`, `The agreed address must still contain the person's name "${given}".`);
    const name = local.split('.')[0];
    const max = base.length + maxExtra;
    if (name.length > max) return msg(`Địa chỉ thỏa thuận "${name}" dài ${name.length} ký tự: phải ngắn gọn, tối đa ${max} (địa chỉ theo quy tắc "${base}" + ${maxExtra}).`, `The agreed address "${name}" is ${name.length} characters long: it must be short, at most ${max} (the rule's "${base}" + ${maxExtra}).`);
    return undefined;
  };
}
