/**
 * Monotonic microseconds. On Linux, process.hrtime reads CLOCK_MONOTONIC, which every process
 * on the machine shares, so a publish time taken in one process and a receipt time taken in
 * another subtract cleanly, with no wall-clock steps in between.
 */
export function nowMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
