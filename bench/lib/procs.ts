/**
 * Child processes for servers and load generators, plus /proc readers for their CPU and RSS.
 * Children start through bash so that the open-files limit can be raised before exec (the
 * pid stays the node process's pid because of `exec`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const FD_TARGET = 65_536;

/** Raises the soft open-files limit as far as allowed, then runs the command in place. */
const RAISE_FDS = `ulimit -n ${FD_TARGET} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"`;

export interface ChildOptions {
  script: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** Collect stdout/stderr instead of inheriting (servers log; load generators stay quiet). */
  capture?: boolean;
  cwd?: string;
}

export interface Child {
  readonly process: ChildProcess;
  readonly pid: number;
  output(): string;
  send(message: object): void;
  next<T extends { type: string }>(type: T['type'], timeoutMs: number): Promise<T>;
  stop(): Promise<void>;
}

export function startChild(options: ChildOptions): Child {
  const args = ['-c', RAISE_FDS, 'bash', process.execPath, ...(options.nodeArgs ?? []), '--import', 'tsx', options.script];
  const child = spawn('bash', args, {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', options.capture === true ? 'pipe' : 'inherit', options.capture === true ? 'pipe' : 'inherit', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000); // bounded: only the tail helps diagnose
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const queue: { type: string }[] = [];
  interface Waiter {
    type: string;
    resolve: (message: { type: string }) => void;
    reject: (error: Error) => void;
  }
  const waiters: Waiter[] = [];
  child.on('message', (message: { type: string }) => {
    const index = waiters.findIndex((waiter) => waiter.type === message.type);
    const waiter = index >= 0 ? waiters.splice(index, 1)[0] : undefined;
    if (waiter === undefined) queue.push(message);
    else waiter.resolve(message);
  });
  child.on('exit', () => {
    for (const waiter of waiters.splice(0)) waiter.reject(new Error(`${options.script} exited (${child.exitCode ?? child.signalCode}) while waiting for "${waiter.type}"\n${output.slice(-3000)}`));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${options.script}`);
  return {
    process: child,
    pid,
    output: () => output,
    send: (message) => {
      if (child.connected) child.send(message);
    },
    next: <T extends { type: string }>(type: T['type'], timeoutMs: number) =>
      new Promise<T>((resolve, reject) => {
        const queued = queue.findIndex((message) => message.type === type);
        if (queued >= 0) {
          resolve(queue.splice(queued, 1)[0] as T);
          return;
        }
        if (child.exitCode !== null || child.signalCode !== null) {
          reject(new Error(`${options.script} has exited (${child.exitCode ?? child.signalCode})\n${output.slice(-3000)}`));
          return;
        }
        const waiter: Waiter = {
          type,
          resolve: (message) => {
            clearTimeout(timer);
            resolve(message as T);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        const timer = setTimeout(() => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          reject(new Error(`${options.script}: no "${type}" within ${timeoutMs} ms\n${output.slice(-3000)}`));
        }, timeoutMs);
        waiters.push(waiter);
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident set size in bytes. */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
}

/** The soft open-files limit of a running process. */
export function openFilesLimit(pid: number | 'self'): number {
  const match = /Max open files\s+(\d+|unlimited)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  if (match?.[1] === undefined) return 0;
  return match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}
