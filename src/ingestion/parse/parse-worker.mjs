// The parser pool's worker thread. Plain JavaScript, so a worker starts the same way wherever the
// pool runs (`npm start` under tsx, `node --import tsx` in the image, vitest): it loads the
// TypeScript task through tsx's API rather than relying on a loader inherited from its parent.
import { tsImport } from 'tsx/esm/api';

// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- tsImport is untyped; parser-pool.ts types the task's input and output
const task = await tsImport('./parse-task.ts', import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-unsafe-member-access -- as above
export default task.runParseTask;
