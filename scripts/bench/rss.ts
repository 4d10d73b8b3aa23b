// Runs one danhba command in this process and reports its peak memory and its time on the last
// stdout line, or in the file DANHBA_RSS_REPORT names (when the command's own output is large:
// a 1M `plan --format json` writes 1.4 GB):
//   node --import tsx scripts/bench/rss.ts validate /tmp/x --no-history
// (peak RSS of a child is not visible to the parent from Node, so the child reports its own).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { peakRssMB } from './peak-rss.js';

const started = performance.now();
// argv[1] must be cli.ts itself: cli.ts runs main() only when it is the script being run
// (with 'danhba' there, its realpath check threw and the figures were those of a failed import).
process.argv = [process.argv[0], fileURLToPath(new URL('../cli.ts', import.meta.url)), ...process.argv.slice(2)];
process.on('exit', (code) => {
  const usage = process.resourceUsage();
  // cpuMs: user + system time of every thread (parse workers included), less moved by other load than ms
  const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
  const report = JSON.stringify({ exitCode: code, maxRssMB: peakRssMB(), ms: Math.round(performance.now() - started), cpuMs });
  if (process.env.DANHBA_RSS_REPORT) writeFileSync(process.env.DANHBA_RSS_REPORT, report);
  else process.stdout.write(`\n${report}\n`);
});
await import('../cli.js');
