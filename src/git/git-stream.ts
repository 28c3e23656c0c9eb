import { setImmediate } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { gitCommand } from './git.ts';

/**
 * Reads a git command's output in a worker thread, so that git never waits on this thread. With
 * PGlite the database runs on this thread: while it writes a batch, nobody here reads git's pipe,
 * and git would stop after 64 KB. The worker keeps reading, up to `bufferBytes` ahead of what this
 * thread has taken (then it pauses git): memory stays bounded and git runs at its own speed.
 */
export type GitStream = {
  chunks: AsyncIterable<Buffer>;
  /** Settles when git has exited; never rejects. */
  exited: Promise<{ code: number | null; signal: string | null; stderr: string }>;
  kill(): void;
};

// CommonJS, evaluated in the worker: no loader or build step is needed for it.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const child = spawn(workerData.command, workerData.args, {
  env: workerData.env, stdio: ['ignore', 'pipe', 'pipe'],
});
let ahead = 0;
let stderr = '';
child.stdout.on('data', (chunk) => {
  const copy = new Uint8Array(chunk.length);
  copy.set(chunk);
  ahead += copy.length;
  parentPort.postMessage({ type: 'data', bytes: copy }, [copy.buffer]);
  if (ahead > workerData.bufferBytes) child.stdout.pause();
});
child.stderr.on('data', (chunk) => { stderr += chunk; });
child.on('error', (error) => { stderr += error.message; });
child.on('close', (code, signal) => {
  parentPort.postMessage({ type: 'end', code, signal, stderr });
  parentPort.close();
});
parentPort.on('message', (message) => {
  if (message.type === 'taken') {
    ahead -= message.bytes;
    if (ahead <= workerData.bufferBytes / 2) child.stdout.resume();
  } else if (message.type === 'kill') child.kill('SIGKILL');
});
`;

type Message =
  | { type: 'data'; bytes: Uint8Array }
  | { type: 'end'; code: number | null; signal: string | null; stderr: string };

export function streamGit(
  args: readonly string[],
  options: { signal?: AbortSignal; bufferBytes?: number } = {},
): GitStream {
  const { command, args: fullArgs, env } = gitCommand(args);
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { command, args: fullArgs, env, bufferBytes: options.bufferBytes ?? 32 << 20 },
  });
  const queue: Buffer[] = [];
  let ended: { code: number | null; signal: string | null; stderr: string } | undefined;
  let wake: (() => void) | undefined;
  let resolveExit: (value: NonNullable<typeof ended>) => void = () => {};
  const exited = new Promise<NonNullable<typeof ended>>((resolve) => {
    resolveExit = resolve;
  });
  const finish = (result: NonNullable<typeof ended>) => {
    ended ??= result;
    resolveExit(ended);
    wake?.();
  };
  worker.on('message', (message: Message) => {
    if (message.type === 'data') {
      queue.push(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.length));
    } else finish(message);
    wake?.();
  });
  worker.on('error', (error) => finish({ code: null, signal: null, stderr: error.message }));
  worker.on('exit', () => finish({ code: null, signal: 'worker exited', stderr: '' }));
  const kill = () => worker.postMessage({ type: 'kill' });
  options.signal?.addEventListener('abort', kill, { once: true });

  async function* chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      const chunk = queue.shift();
      if (chunk) {
        worker.postMessage({ type: 'taken', bytes: chunk.length });
        // Queued chunks would otherwise be handed over in microtasks only, starving the event loop:
        // the server must go on answering requests while a sync reads.
        await setImmediate();
        yield chunk;
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  }
  return { chunks: chunks(), exited, kill };
}
