// How many worker threads learning's and linting's pools start by default.

import { availableParallelism } from 'node:os';

/**
 * The pools start at this many cores. On two, one thread was as fast or faster and took a third less
 * CPU time (the bench folder: lint 4.8 s against 7.5 s on two workers, learn 4.1 s against 6.1 s):
 * every worker warms up its own compiler and collects its own garbage, on V8's helper threads, which
 * then compete with the workers for the same two cores.
 */
export const MIN_CORES_FOR_POOL = 3;

/** One worker per core from MIN_CORES_FOR_POOL cores on; below, none (the work runs in this thread). */
export function defaultWorkers(): number {
  const cores = availableParallelism();
  return cores < MIN_CORES_FOR_POOL ? 0 : cores;
}
