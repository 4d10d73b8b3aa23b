// Helpers the naming rules share: where an agency stands in the appendix, and how to word an
// address in messages.
import type { Agency, Directory } from '../../model/types.js';

/** The appendix is the authority where it exists: agencies it lists are not re-derived. */
export function inAppendix(dir: Directory, agency: Agency): boolean {
  return dir.appendix?.entries.some((e) => e.agency === agency.id || e.address === agency.mailbox) ?? false;
}

export function byId(dir: Directory): Map<string, Agency> {
  return new Map(dir.agencies.map((a) => [a.id, a]));
}

export const EXCEPTION_HINT = {
  vi: 'Nếu địa chỉ này do quản trị quyết định, ghi exception: { reason: "<lý do>", reference: "<văn bản phê duyệt>" }.',
  en: 'If an administrator decided this address, record exception: { reason: "<why>", reference: "<approving letter>" }.',
};
