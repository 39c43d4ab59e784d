import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  /** Resident set: every page mapped in, shared ones included. */
  rssKiB: number;
  /** Proportional set: shared pages divided among the processes sharing them. */
  pssKiB: number;
  /** Pages only this process has: what one more such process costs. */
  privateKiB: number;
  /** Resident pages of the process's own executable (shared by every process running it). */
  executableKiB: number;
}

/** Reads a process's memory from /proc (Linux). */
export function processMemory(pid: number): ProcessMemory {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? 0);
  const executable = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
  let executableKiB = 0;
  let inExecutable = false;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) inExecutable = mapping[1] === executable;
    else if (inExecutable) executableKiB += Number(/^Rss:\s+(\d+)/.exec(line)?.[1] ?? 0);
  }
  return {
    rssKiB: field('Rss'),
    pssKiB: field('Pss'),
    privateKiB: field('Private_Clean') + field('Private_Dirty'),
    executableKiB,
  };
}
