// Words for changes and mailbox kinds, Vietnamese first with the English variant.
import { msg, type Msg } from '../i18n.js';
import type { MailboxKind } from '../model/mailboxes.js';
import type { ChangeKind, FieldChange } from './changeset.js';

export const CHANGE_LABEL: Record<ChangeKind, Msg> = {
  created: msg('tạo mới', 'created'),
  changed: msg('thay đổi', 'changed'),
  forwarded: msg('chuyển tiếp', 'forwarded'),
  suspended: msg('tạm ngưng', 'suspended'),
  revoked: msg('thu hồi', 'revoked'),
  restored: msg('khôi phục', 'restored'),
  removed: msg('xoá khỏi danh bạ', 'removed'),
};

export const CHANGE_MARK: Record<ChangeKind, string> = { created: '+', changed: '~', forwarded: '>', suspended: '!', revoked: 'x', restored: '^', removed: '-' };

export const KIND_LABEL: Record<MailboxKind, Msg> = {
  agency: msg('cơ quan', 'agency'),
  admin: msg('quản trị', 'admin'),
  unit: msg('đơn vị', 'unit'),
  person: msg('cá nhân', 'person'),
};

function show(v: unknown): string {
  if (v === undefined || v === null) return '∅';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** `title: Chuyên viên → Phó Giám đốc; status.state: active → forwarding` */
export function describeFields(fields: readonly FieldChange[]): string {
  return fields.map((f) => `${f.field}: ${show(f.before)} → ${show(f.after)}`).join('; ');
}
