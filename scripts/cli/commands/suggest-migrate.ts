// `danhba suggest --province <id> --migrate <address> [--today YYYY-MM-DD] [--json]`: the
// address today's rule gives the holder of a grandfathered (legacy) address, and how long the
// old one forwards (the profile's period). Prints the proposal; writes nothing.
import { parseArgs } from 'node:util';
import { migrationFor } from '../../import/migrate.js';
import { todayInVietnam } from '../../model/status.js';
import { UsageError, type CommandEnv } from '../command.js';
import { openProvince } from './suggest.js';

export async function runMigrate(argv: string[], env: CommandEnv): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { province: { type: 'string' }, directory: { type: 'string' }, migrate: { type: 'string' }, today: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (!values.migrate) throw new UsageError('--migrate <địa chỉ / address>');
  if (values.today && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError('--today YYYY-MM-DD');
  const opened = await openProvince(values.province, values.directory, env.cwd);
  const today = values.today ?? todayInVietnam();
  const m = migrationFor(opened.loaded.dir, opened.profile, values.migrate, today);
  if (!m) throw new UsageError(`Không có hộp thư cá nhân ${values.migrate} trong ${opened.root} / no personal mailbox ${values.migrate}`);
  const vi = env.lang === 'vi';
  const same = m.address === m.person.mailbox;
  if (values.json) {
    env.stdout(JSON.stringify({ address: m.person.mailbox, id: m.person.id, agency: m.agency.id, legacy: m.legacy, ruleAddress: m.address ?? null, adminDecision: !m.address, forward: m.months === undefined ? null : { from: m.from, until: m.until, months: m.months }, citation: m.citation ?? null, forwardCitation: m.forwardCitation ?? null }, null, 2));
    return 0;
  }
  const who = `${m.person.mailbox} (${m.person.name}, ${m.agency.id}${m.legacy ? ', legacy' : ''})`;
  if (same) {
    env.stdout(vi ? `${who}: đã đúng quy tắc, không cần đổi.` : `${who}: already follows the rule; nothing to migrate.`);
    return 0;
  }
  if (!m.address) {
    env.stdout(vi ? `${who}: địa chỉ theo quy tắc cần quyết định của quản trị (trùng tên); ghi mailbox mới kèm exception.` : `${who}: the rule's address needs an administrator's decision (namesakes); record the new mailbox with an exception.`);
    return 1;
  }
  const forward =
    m.months === undefined
      ? vi
        ? 'Quy định không nêu thời hạn chuyển tiếp: chọn ngày "until" (chính sách danhba).'
        : 'The regulation sets no forwarding period: choose an "until" date (danhba policy).'
      : vi
        ? `Địa chỉ cũ chuyển tiếp sang địa chỉ mới từ ${m.from} đến ${m.until} (${m.months} tháng${m.forwardCitation ? `, ${m.forwardCitation}` : ''}), rồi thu hồi.`
        : `The old address forwards to the new one from ${m.from} until ${m.until} (${m.months} months${m.forwardCitation ? `, ${m.forwardCitation}` : ''}), then is revoked.`;
  env.stdout(
    [
      who,
      vi ? `  Địa chỉ theo quy tắc: ${m.address}${m.citation ? ` (${m.citation})` : ''}` : `  The rule's address: ${m.address}${m.citation ? ` (${m.citation})` : ''}`,
      `  ${forward}`,
      vi ? `  Trong ${m.agency.file}: đặt mailbox: ${m.address} cho ${m.person.id} (dấu legacy không còn tác dụng với địa chỉ mới; có thể xoá).` : `  In ${m.agency.file}: set mailbox: ${m.address} on ${m.person.id} (the legacy mark no longer applies to the new address; it can be removed).`,
    ].join('\n'),
  );
  return 0;
}
