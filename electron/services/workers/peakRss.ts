/**
 * The most memory this process has held (its peak resident set), in KB. On Linux from /proc/self/status
 * (VmHWM): getrusage's maxRSS, which Node's resourceUsage() reads, carries over the peak of the process
 * that started this one when it was started by fork and exec, so a small worker started by a big app
 * seemed as big as the app. Elsewhere, resourceUsage().maxRSS.
 */
import { readFileSync } from 'node:fs';

export function peakRssKb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS;
}
