/** MULTI/EXEC answers each command's error in its result instead of throwing it: this throws it. */
export function assertExec(results: [Error | null, unknown][] | null, what: string): void {
  if (results === null) throw new Error(`${what}: transaction aborted`);
  const failed = results.find(([error]) => error !== null);
  if (failed?.[0]) throw failed[0];
}
