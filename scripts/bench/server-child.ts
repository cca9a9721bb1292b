import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

type Message = { event: string } & Record<string, unknown>;

export interface ServerChild {
  url: string;
  pid: number;
  /** Forgets the peak RSS so far (call before the phase to measure). */
  resetPeak(): void;
  /** Peak and current RSS of the server process, in bytes. */
  memory(): Promise<{ peakRss: number; rss: number }>;
  stop(): Promise<void>;
}

const SERVE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'serve.ts');

/** Starts scripts/bench/serve.ts in a child process and waits until it listens. */
export async function startServerChild(
  mode: 'app' | 'bare',
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<ServerChild> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SERVE, mode, ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiters = new Map<string, (m: Message) => void>();
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => {
    exited = true;
  });
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    let message: Message;
    try {
      message = JSON.parse(line) as Message;
    } catch {
      process.stderr.write(`[server] ${line}\n`);
      return;
    }
    const waiter = waiters.get(message.event);
    waiters.delete(message.event);
    waiter?.(message);
  });
  const next = (event: string, timeoutMs = 120_000): Promise<Message> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not send "${event}"`)), timeoutMs);
      waiters.set(event, (m) => {
        clearTimeout(timer);
        resolve(m);
      });
      void exitedPromise.then(() => {
        clearTimeout(timer);
        reject(new Error(`server exited before "${event}"`));
      });
    });
  const listening = await next('listening');
  const write = (command: string) => child.stdin?.write(`${command}\n`);
  return {
    url: `http://127.0.0.1:${Number(listening.port)}`,
    pid: child.pid ?? 0,
    resetPeak: () => write('reset'),
    async memory() {
      const reply = next('report');
      write('report');
      const m = await reply;
      return { peakRss: Number(m.peakRss), rss: Number(m.rss) };
    },
    async stop() {
      if (exited) return;
      write('exit');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
