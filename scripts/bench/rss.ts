// Runs one danhba command in this process and reports its peak memory and its time on the last
// stdout line:
//   node --import tsx scripts/bench/rss.ts validate /tmp/x --no-history
// (peak RSS of a child is not visible to the parent from Node, so the child reports its own).
import { fileURLToPath } from 'node:url';

const started = performance.now();
// argv[1] must be cli.ts itself: cli.ts runs main() only when it is the script being run
// (with 'danhba' there, its realpath check threw and the figures were those of a failed import).
process.argv = [process.argv[0], fileURLToPath(new URL('../cli.ts', import.meta.url)), ...process.argv.slice(2)];
process.on('exit', (code) => {
  const usage = process.resourceUsage();
  // cpuMs: user + system time of every thread (parse workers included), less moved by other load than ms
  const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
  process.stdout.write(`\n${JSON.stringify({ exitCode: code, maxRssMB: Math.round(usage.maxRSS / 1024), ms: Math.round(performance.now() - started), cpuMs })}\n`);
});
await import('../cli.js');
