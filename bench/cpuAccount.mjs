// Loaded into a CLI run by the batch section (`node --import ./bench/cpuAccount.mjs dist/cli.js ...`):
// when the process exits, writes where its CPU time went to the file named by BENCH_CPU_FILE, as
// JSON { process, main } in seconds (user + system). `process` counts every thread that ever ran,
// worker threads and V8's own helper threads (optimising compiler, garbage collector) included;
// `main` only the main thread, read from Linux's /proc (null elsewhere). Nothing is printed, so the
// run's output is unchanged.
import { writeFileSync, readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_CPU_FILE;

/** The calling thread's CPU seconds, from /proc/thread-self/stat, or null where there is none. */
function threadSeconds() {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime is the
    // 12th, stime the 13th, both in clock ticks (100 a second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

if (isMainThread && file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const total = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
    writeFileSync(file, JSON.stringify({ process: total, main: threadSeconds() }));
  });
}
