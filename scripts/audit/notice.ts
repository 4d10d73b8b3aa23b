// The notice the Sở sends an agency when the audit suspends its idle mailboxes (Ninh Bình Điều
// 7.1: "gửi thông báo cho cơ quan quản lý trực tiếp"), in Vietnamese, citing the article, listing
// the mailboxes and the removal date counted in working days. Pure text; `toEml` makes a message
// file an administrator opens and sends, `toMarkdown` the pull request's section. Values from
// the YAML (names) are agency-controlled: header values are stripped of line breaks and encoded
// (RFC 2047), Markdown gets them inside a fence they cannot close.
import { vnDate, weekdayName } from '../calendar/days.js';
import type { Agency, Province } from '../model/types.js';
import type { ProvinceProfile } from '../profiles/types.js';
import type { IdleMailbox } from './inactivity.js';

export interface Notice {
  agency: Agency;
  from: string;
  to: string;
  subject: string;
  body: string;
}

export interface NoticeInput {
  agency: Agency;
  province: Province;
  profile: ProvinceProfile;
  citation: string;
  idle: IdleMailbox[];
  /** Suspension date (the notice's date). */
  today: string;
  /** Last day of the notice period, when the regulation removes idle mailboxes. */
  noticeEnds?: string;
}

const who = (i: IdleMailbox) => i.mailbox.person?.name ?? i.mailbox.unit?.name ?? i.mailbox.agency.name;

export function inactivityNotice(n: NoticeInput): Notice {
  const months = n.profile.limits.suspendAfterInactiveMonths;
  const days = n.profile.limits.removeAfterWorkingDays;
  const lines = [
    `Kính gửi: ${n.agency.name}`,
    '',
    `Căn cứ ${n.citation}, hộp thư điện tử công vụ không đăng nhập sau ${months} tháng được tạm dừng hoạt động.`,
    `Qua rà soát ngày ${vnDate(n.today)}, các hộp thư dưới đây của cơ quan không đăng nhập từ ${months} tháng trở lên và được tạm dừng hoạt động từ ngày ${vnDate(n.today)}:`,
    '',
    ...n.idle.map((i, k) => {
      const last = i.last.source === 'pwdLastSuccess' ? `đăng nhập lần cuối ngày ${vnDate(i.last.date)}` : `chưa đăng nhập lần nào kể từ khi cấp ngày ${vnDate(i.last.date)}`;
      return `  ${k + 1}. ${i.mailbox.address} — ${who(i)} (${last})`;
    }),
    '',
  ];
  if (days !== undefined && n.noticeEnds) {
    const wd = weekdayName(n.noticeEnds).vi;
    lines.push(
      `Sau thời hạn ${days} ngày làm việc kể từ ngày thông báo này, tức là hết ${wd} ngày ${vnDate(n.noticeEnds)}, nếu cơ quan không có văn bản đề nghị mở lại, các hộp thư trên sẽ bị gỡ bỏ hoàn toàn khỏi hệ thống.`,
    );
  }
  lines.push(
    `Đề nghị mở lại hộp thư: Thủ trưởng cơ quan gửi văn bản đến ${n.province.contacts.corrections}.`,
    '',
    'Trân trọng.',
    '',
    `(Thông báo do danhba lập từ kết quả rà soát đăng nhập; căn cứ: ${n.citation}.)`,
  );
  return {
    agency: n.agency,
    from: n.province.contacts.corrections,
    to: n.agency.mailbox,
    subject: `Thông báo tạm dừng hộp thư điện tử công vụ không đăng nhập — ${n.agency.name}`,
    body: lines.join('\n') + '\n',
  };
}

/** A header value on one line: no CR/LF (header injection), other controls dropped. */
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').replace(/[\x00-\x1f\x7f]/g, '');
/** RFC 2047 encoded-word for non-ASCII header text. */
const encodeWord = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`);
const address = (s: string) => {
  if (!/^[^\s<>,;:"()\[\]\\@]+@[^\s<>,;:"()\[\]\\@]+$/.test(s)) throw new Error(`not a plain address: ${JSON.stringify(s)}`);
  return s;
};

/** The notice as an RFC 5322 message file (UTF-8, 8bit) to open and send from the Sở's mailbox. */
export function toEml(n: Notice, date: Date = new Date()): string {
  return [
    `From: ${address(n.from)}`,
    `To: ${address(n.to)}`,
    `Subject: ${encodeWord(oneLine(n.subject))}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    n.body.replace(/\r?\n/g, '\r\n'),
  ].join('\r\n');
}

/** A fenced block the text cannot break out of (no run of 3 tildes survives inside). */
export function fenced(text: string): string {
  return '~~~~text\n' + text.replace(/~{3,}/g, (m) => m.replace(/~/g, '∼')).replace(/\n?$/, '\n') + '~~~~';
}

/** Markdown-safe inline text: the characters Markdown/HTML/mentions act on are escaped. */
export function mdInline(text: string): string {
  return oneLine(text).replace(/[\\`*_{}\[\]()#+\-.!|<>&@~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '\\' + c));
}
