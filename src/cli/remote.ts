import { request as httpRequest } from 'node:http';
import type { Owner } from '../db/lock.ts';
import { DataDirError } from '../db/lock.ts';
import type { CliEvent } from '../http/cli-route.ts';
import { type ProgressBar, terminalProgressBar } from './io.ts';

/** Commands whose input may come on standard input; only they forward it. */
function wantsStdin(argv: readonly string[]): boolean {
  return argv.includes('--password-stdin');
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export async function readStdin(): Promise<string> {
  return readAll(process.stdin);
}

/**
 * Runs a command in the server that holds the embedded database (docs/adr/0002). Its output and
 * progress stream back as it runs (no time limit: a sync may take minutes); resolves to its exit code.
 */
export async function runThroughServer(owner: Owner, argv: readonly string[]): Promise<number> {
  const stdin = wantsStdin(argv) ? await readStdin() : '';
  const body = JSON.stringify({
    argv,
    cwd: process.cwd(),
    stdin,
    tty: Boolean(process.stderr.isTTY),
  });
  const unreachable = (error: Error) =>
    new DataDirError(
      `the data directory is held by the server at ${owner.url} (pid ${owner.pid}), which does not answer: ${error.message}`,
    );
  return new Promise<number>((resolve, reject) => {
    const request = httpRequest(
      `${owner.url}/api/cli`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-cairn-local-secret': owner.secret ?? '',
        },
      },
      (response) => {
        if (response.statusCode !== 200) {
          void readAll(response).then((text) =>
            reject(
              new DataDirError(
                `the server at ${owner.url} refused the command (HTTP ${response.statusCode}): ${text}`,
              ),
            ),
          );
          return;
        }
        const events = createEventReader();
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => events.push(chunk));
        response.on('end', () => resolve(events.end()));
        response.on('error', (error) => reject(unreachable(error)));
      },
    );
    request.on('error', (error) => reject(unreachable(error)));
    request.end(body);
  });
}

/** Replays the server's events here: output to stdout/stderr, progress as a bar on a terminal. */
function createEventReader() {
  let buffered = '';
  let exitCode = 1;
  let bar: ProgressBar | undefined;
  const handle = (event: CliEvent) => {
    if (event.type === 'out') process.stdout.write(event.text);
    else if (event.type === 'err') process.stderr.write(event.text);
    else if (event.type === 'progress') {
      if (process.stderr.isTTY) {
        bar ??= terminalProgressBar(event.label);
        bar.update(event.done, event.total);
      }
    } else if (event.type === 'progress-end') {
      bar?.stop();
      bar = undefined;
    } else exitCode = event.code;
  };
  return {
    push(chunk: string) {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.trim() !== '') handle(JSON.parse(line) as CliEvent);
        newline = buffered.indexOf('\n');
      }
    },
    end(): number {
      bar?.stop();
      return exitCode;
    },
  };
}
