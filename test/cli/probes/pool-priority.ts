// Run as its own process by background-priority.test.ts: lowers the pool's priority (after starting
// the pool first when asked to) and prints what it did and every thread's nice value.
import { readdirSync, readFileSync, stat } from 'node:fs';
import { lowerThreadPoolPriority } from '../../../server/src/cli/background-priority';

const threadsBefore = readdirSync('/proc/self/task').length;
if (process.argv.includes('--pool-running')) stat('/', () => {});
const lowered = [lowerThreadPoolPriority(), lowerThreadPoolPriority()];
// Field 19 of /proc/<pid>/task/<tid>/stat (after the parenthesised name) is the nice value.
const nice = Object.fromEntries(
  readdirSync('/proc/self/task').map((tid) => [tid, Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16])]),
);
process.stdout.write(JSON.stringify({ pid: process.pid, threadsBefore, lowered, nice }));
