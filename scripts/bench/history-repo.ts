// Benchmark repository generator: a git repository whose main branch has N commits of the edits
// agencies really make to a generated province — new staff, revocations (some back-dated),
// transfers between agencies (forwarding entry + active entry, same id), renames (name and
// address), and the clean-up of entries whose revocation or forwarding ended over a year ago —
// one agency file or two per commit, a few hours apart. New staff replace leavers (as many hires
// as revocations) and ended entries are removed, so the province keeps its size over any number
// of commits, as a real one does: a longer history is more commits, not a bigger directory.
// Written with ONE `git fast-import` stream, so 20,000 commits take seconds, not a spawn per commit.
//   npx tsx scripts/bench/history-repo.ts <out> [commits=2000] [mailboxes=2000]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { seeded, type Random } from '../generate/random.js';
import { generatedProvince } from './common.js';

export interface HistoryRepoOptions {
  commits: number;
  mailboxes: number;
  seed?: number;
  province?: string;
}

/** An agency file as its header (everything before `staff:`) and one text block per person. */
interface AgencyText {
  path: string;
  id: string;
  domain: string;
  header: string;
  people: string[];
}

const text = (a: AgencyText) => a.header + (a.people.length ? 'staff:\n' + a.people.join('') : '');

function splitAgency(path: string, source: string, domain: string): AgencyText {
  const at = source.indexOf('\nstaff:\n');
  const header = at < 0 ? source : source.slice(0, at + 1);
  const people = at < 0 ? [] : source.slice(at + 8).split(/^(?=  - id: )/m).filter((b) => b.startsWith('  - id: '));
  return { path, id: /^id: (.+)$/m.exec(source)![1], domain, header, people };
}

const idOf = (block: string) => /^  - id: (.+)$/m.exec(block)![1];
const mailboxOf = (block: string) => /^    mailbox: (.+)$/m.exec(block)![1];
const isActive = (block: string) => !/^    status:/m.test(block);
/** The day a revocation or forwarding ended (its `until`, else its `from`), undefined when active. */
const endedOn = (block: string) => /until: "([\d-]+)"/.exec(block)?.[1] ?? /state: revoked, from: "([\d-]+)"/.exec(block)?.[1];

function day(start: number, hours: number): string {
  return new Date(start + hours * 3_600_000).toISOString().slice(0, 10);
}

/** Returns the repository root; main's folder is directory/<domain>. */
export function buildHistoryRepo(root: string, options: HistoryRepoOptions): { root: string; folder: string; commits: number } {
  const seed = options.seed ?? 1;
  const rnd: Random = seeded(seed);
  const source = generatedProvince(options.province ?? 'cantho', options.mailboxes, seed);
  const domain = source.split('/').pop()!;
  const folder = `directory/${domain}`;
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else files.set(`${folder}/${relative(source, join(dir, e.name))}`, readFileSync(join(dir, e.name), 'utf8'));
    }
  };
  walk(source);
  const agencies = [...files].filter(([p]) => p.includes('/agencies/')).map(([p, t]) => splitAgency(p, t, domain));
  const withStaff = () => agencies.filter((a) => a.people.some(isActive));

  const chunks: Buffer[] = [];
  const data = (s: string) => {
    const b = Buffer.from(s);
    chunks.push(Buffer.from(`data ${b.length}\n`), b, Buffer.from('\n'));
  };
  const start = Date.parse('2016-01-04T02:00:00Z');
  let mark = 0;
  const commit = (message: string, changed: Map<string, string>, hours: number) => {
    mark++;
    const when = Math.floor((start + hours * 3_600_000) / 1000);
    chunks.push(Buffer.from(`commit refs/heads/main\nmark :${mark}\ncommitter Bench <bench@example.invalid> ${when} +0700\n`));
    data(message);
    if (mark > 1) chunks.push(Buffer.from(`from :${mark - 1}\n`));
    for (const [path, content] of changed) {
      chunks.push(Buffer.from(`M 100644 inline ${path}\n`));
      data(content);
    }
    chunks.push(Buffer.from('\n'));
  };
  commit('Khởi tạo danh bạ', files, 0);

  let serial = 0;
  for (let i = 1; i < options.commits; i++) {
    const hours = i * 4 + rnd.int(3);
    const on = day(start, hours);
    const changed = new Map<string, string>();
    const roll = rnd.int(100);
    const a = rnd.pick(withStaff());
    const activeIdx = a.people.map((b, k) => (isActive(b) ? k : -1)).filter((k) => k >= 0);
    const k = rnd.pick(activeIdx);
    let message: string;
    if (roll >= 90 && a.people.some((b) => { const e = endedOn(b); return e !== undefined && e < day(start, hours - 24 * 400); })) {
      // Clean-up: entries that ended more than 13 months ago (past any quarantine) leave the file.
      const cutoff = day(start, hours - 24 * 400);
      const gone = a.people.filter((b) => { const e = endedOn(b); return e !== undefined && e < cutoff; });
      a.people = a.people.filter((b) => !gone.includes(b));
      message = `${a.id}: xoá ${gone.length} mục đã hết hạn`;
    } else if (roll < 30 || activeIdx.length < 2) {
      serial++;
      a.people.push(`  - id: bh-${serial}\n    name: "Nguyễn Văn Thử ${serial}"\n    title: "Chuyên viên"\n    mailbox: nvthu${serial}.${a.id}@${domain}\n`);
      message = `${a.id}: thêm cán bộ bh-${serial}`;
    } else if (roll < 60) {
      // Revocation; one in five dated two months back.
      const from = rnd.int(5) === 0 ? day(start, hours - 24 * 60) : on;
      a.people[k] = a.people[k].replace(/^(    mailbox: .+\n)/m, `$1    status: { state: revoked, from: "${from}", reason: "Nghỉ việc", requested: "${from}" }\n`);
      message = `${a.id}: thu hồi ${idOf(a.people[k])}`;
    } else if (roll < 80) {
      // Transfer: the old entry forwards for a month, the new agency lists the same id.
      const to = rnd.pick(agencies.filter((x) => x !== a));
      const block = a.people[k];
      const until = day(start, hours + 24 * 30);
      a.people[k] = block.replace(/^(    mailbox: .+\n)/m, `$1    status: { state: forwarding, from: "${on}", until: "${until}", forwardTo: ${mailboxOf(block).replace(`.${a.id}@`, `.${to.id}@`).replace(/@/, `.t${i}@`)}, reason: "Điều chuyển" }\n`);
      to.people.push(block.replace(/^(    mailbox: )(.+)$/m, (_m, p: string, addr: string) => `${p}${addr.replace(/@/, `.t${i}@`).replace(`.${a.id}.`, `.${to.id}.`)}`));
      changed.set(to.path, '');
      message = `Điều chuyển ${idOf(block)}: ${a.id} → ${to.id}`;
    } else {
      // Rename: a corrected name and the address that follows it.
      a.people[k] = a.people[k].replace(/^(    name: ")(.+)"$/m, `$1$2 (đổi tên ${i})"`).replace(/^(    mailbox: )(.+)$/m, (_m, p: string, addr: string) => `${p}${addr.replace(/@/, `.r${i}@`)}`);
      message = `${a.id}: đổi tên ${idOf(a.people[k])}`;
    }
    changed.set(a.path, '');
    for (const path of changed.keys()) changed.set(path, text(agencies.find((x) => x.path === path)!));
    commit(message, changed, hours);
  }
  chunks.push(Buffer.from('done\n'));
  mkdirSync(root, { recursive: true });
  const git = (args: string[], input?: Buffer) => {
    const r = spawnSync('git', args, { cwd: root, input, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`git ${args[0]}: ${r.stderr}`);
    return r.stdout;
  };
  git(['init', '-q', '-b', 'main']);
  git(['fast-import', '--quiet', '--done'], Buffer.concat(chunks));
  git(['reset', '-q', '--hard', 'main']);
  return { root, folder, commits: options.commits };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, commits = '2000', mailboxes = '2000'] = process.argv.slice(2);
  if (!out) throw new Error('usage: history-repo.ts <out> [commits] [mailboxes]');
  const r = buildHistoryRepo(out, { commits: Number(commits), mailboxes: Number(mailboxes) });
  console.log(`${r.root}: ${r.commits} commits in ${r.folder}`);
}
