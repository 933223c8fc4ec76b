// Learning counts on this thread while threads of libuv's pool segment the next files. Counting is
// the longer job, so on a machine with few cores the segmenting threads should take only the time it
// leaves free: with every thread at one priority, the counting thread waited for a core about a
// sixth of the run. Linux schedules each thread on its own, and a thread's priority may always be
// lowered (never raised back without privilege): the pool's threads get the lowest.

import { access, readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

const TASKS = '/proc/self/task';
/** Nice 19: the scheduler gives such a thread about 1/70 of a core a normal thread also wants. */
const LOWEST = 19;

let tried = false;

/**
 * Starts libuv's pool (its threads start together, with the first request) and lowers its threads'
 * priority, once per process. Returns how many threads it lowered: 0 where threads cannot be told
 * apart (not Linux) or when the pool was already running (its threads are then not known).
 */
export function lowerThreadPoolPriority(): number {
  if (tried || process.platform !== 'linux') return 0;
  tried = true;
  let before: Set<string>;
  try {
    before = new Set(readdirSync(TASKS));
  } catch {
    return 0;
  }
  // Any request to the pool starts all of its threads before it returns.
  access(TASKS, () => {});
  let count = 0;
  for (const tid of readdirSync(TASKS)) {
    if (before.has(tid)) continue;
    try {
      setPriority(Number(tid), LOWEST);
      count++;
    } catch {
      // A thread that ended meanwhile, or a system that refuses: it keeps its priority.
    }
  }
  return count;
}
