/** The error `run` throws, checked to be of `kind`; fails the test when it throws nothing. */
export function thrownBy<E extends Error>(run: () => unknown, kind: new (...args: never[]) => E): E {
  try {
    run();
  } catch (error) {
    if (error instanceof kind) return error;
    throw error;
  }
  throw new Error(`expected a ${kind.name}`);
}
