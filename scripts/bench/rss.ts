// Runs one danhba command in this process and reports its peak memory and its time on the last
// stdout line:
//   node --import tsx scripts/bench/rss.ts validate /tmp/x --no-history
// (peak RSS of a child is not visible to the parent from Node, so the child reports its own).
const started = performance.now();
process.argv = [process.argv[0], 'danhba', ...process.argv.slice(2)];
process.on('exit', (code) => {
  process.stdout.write(`\n${JSON.stringify({ exitCode: code, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), ms: Math.round(performance.now() - started) })}\n`);
});
await import('../cli.js');
