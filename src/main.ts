/** Entry point of `npm start`: the roles ROLE names (all, gateway or worker) in one process. */
import { runProcess } from './app/process.ts';

runProcess();
