// Official mail is never auto-forwarded to mailboxes the state did not issue (Gmail, Yahoo…);
// where the regulation requires the province's own domain for official work (profile
// `forwardTargets: 'province'`), not to another province's `.gov.vn` either.
import { msg } from '../../i18n.js';
import { allMailboxes, domainOf } from '../../model/mailboxes.js';
import { defineRule } from '../define.js';

const FREE_PROVIDERS = /(^|\.)(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|aol|mail|yandex|zoho|proton|protonmail|gmx|qq|163|126)\.[a-z.]+$/;

/** State-issued: the province's own domain or another Vietnamese government domain. */
export function isStateAddress(address: string, provinceDomain: string): boolean {
  const domain = domainOf(address).toLowerCase();
  return domain === provinceDomain || domain.endsWith('.gov.vn');
}

export const forwardStateOnly = defineRule({
  id: 'forward-state-only',
  severity: 'error',
  topic: 'forwardStateOnly',
  description: msg('Chỉ chuyển tiếp tới hộp thư công vụ', 'Forward only to state-issued mailboxes'),
  check({ dir, province, profile }, report) {
    const provinceOnly = profile.forwardTargets === 'province';
    for (const m of allMailboxes(dir)) {
      const target = m.status.forwardTo;
      if (!target) continue;
      if (provinceOnly ? domainOf(target).toLowerCase() === province.domain : isStateAddress(target, province.domain)) continue;
      const free = FREE_PROVIDERS.test(domainOf(target).toLowerCase());
      if (provinceOnly && isStateAddress(target, province.domain)) {
        report(
          m.loc,
          msg(`${m.address} chuyển tiếp tới ${target}: thư công vụ của ${profile.name} chỉ dùng hộp thư @${province.domain}, không chuyển sang tên miền của tỉnh khác.`, `${m.address} forwards to ${target}: ${profile.name}'s official mail uses @${province.domain} mailboxes only, not another province's domain.`),
          msg(`Chuyển tiếp tới một địa chỉ @${province.domain} hoặc bỏ forwardTo.`, `Forward to an @${province.domain} address or remove forwardTo.`),
        );
        continue;
      }
      report(
        m.loc,
        msg(
          `${m.address} chuyển tiếp tới ${target}${free ? ' (hộp thư miễn phí ngoài nhà nước)' : ''}: cấm chuyển thư công vụ ra hộp thư không do nhà nước cấp.`,
          `${m.address} forwards to ${target}${free ? ' (a free public mailbox)' : ''}: official mail must not be forwarded outside state-issued mailboxes.`,
        ),
        msg(`Chuyển tiếp tới một địa chỉ @${province.domain} hoặc bỏ forwardTo.`, `Forward to an @${province.domain} address or remove forwardTo.`),
      );
    }
  },
});
