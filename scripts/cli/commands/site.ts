// `danhba site [dir=directory] [--province <id>] [--out dist] [--today YYYY-MM-DD]`
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAllSites } from '../../site/all.js';
import { UsageError, type Command } from '../command.js';
import { DEFAULT_DIRECTORY, isProvinceFolder, provinceRootById, provinceRoots } from '../provinces.js';

/** `--province` takes a profile id (thuathienhue) or a province folder's name (its domain). */
function provinceRoot(id: string, directory: string, cwd: string): string {
  if (id.includes('.')) {
    const root = resolve(cwd, directory, id);
    if (!isProvinceFolder(root)) throw new UsageError(`Không thấy ${join(directory, id, 'province.yaml')} / not found`);
    return root;
  }
  return provinceRootById(id, directory, cwd);
}

export const siteCommand: Command = {
  name: 'site',
  summary: { vi: 'Tạo trang danh bạ công khai (HTML tĩnh, tìm kiếm, dữ liệu mở)', en: 'Build the public directory site (static HTML, search, open data)' },
  usage:
    'danhba site [dir=directory] [--province <id|domain>] [--out dist] [--today YYYY-MM-DD]\n' +
    '  Ghi <out>/<tên miền>/index.html, co-quan/*.html, du-lieu/*, s/* (chỉ mục tìm kiếm).\n' +
    '  Writes <out>/<domain>/index.html, co-quan/*.html, du-lieu/* (open data), s/* (search index).',
  async run(argv, env) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { province: { type: 'string' }, out: { type: 'string', default: 'dist' }, today: { type: 'string' } } });
    if (values.today && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError('--today YYYY-MM-DD');
    const directory = positionals[0] ?? DEFAULT_DIRECTORY;
    const roots = values.province ? [provinceRoot(values.province, directory, env.cwd)] : provinceRoots(directory, env.cwd);
    const out = resolve(env.cwd, values.out!);
    const built = await buildAllSites({ out, roots, today: values.today, writeIndex: !values.province });
    const vi = env.lang === 'vi';
    for (const s of built.sites) {
      const index = join(s.folder, 'index.html');
      const where = relative(env.cwd, index).startsWith('..') ? index : relative(env.cwd, index);
      env.stdout(vi ? `✓ ${s.name}: ${where} — ${s.agencies} cơ quan, ${s.mailboxes} hộp thư, ${s.files} tệp` : `✓ ${s.name}: ${where} — ${s.agencies} agencies, ${s.mailboxes} mailboxes, ${s.files} files`);
    }
    for (const f of built.failed) env.stderr(vi ? `✗ ${relative(env.cwd, f)}: không đọc được province.yaml, bỏ qua` : `✗ ${relative(env.cwd, f)}: province.yaml unreadable, skipped`);
    const errors = built.findings.filter((f) => f.severity === 'error');
    if (errors.length) {
      env.stderr(vi ? `${errors.length} lỗi khi đọc dữ liệu; các tệp lỗi không được đăng. Chạy: danhba validate` : `${errors.length} errors while loading; broken files were left out. Run: danhba validate`);
      for (const f of errors.slice(0, 10)) env.stderr(`  ${f.file}:${f.line}:${f.col} ${f.message[env.lang]}`);
    }
    return built.failed.length || errors.length ? 1 : 0;
  },
};
