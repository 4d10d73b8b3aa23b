// The peak resident memory of this process, in MB. Not `process.resourceUsage().maxRSS`: Linux
// keeps ru_maxrss across execve, and a spawned child starts as a fork of its parent, so a child's
// maxRSS is at least its parent's RSS at the spawn (a 186 MB parent made a 130 MB PR check read
// 186 MB). VmHWM belongs to the address space exec made, so it is the command's own peak.
import { readFileSync } from 'node:fs';

export function peakRssMB(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Math.round(Number(kb) / 1024);
  } catch {
    // no /proc (not Linux): the rusage figure, with the caveat above
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
