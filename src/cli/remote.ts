import type { Owner } from '../db/lock.ts';
import { DataDirError } from '../db/lock.ts';
import type { CliResult } from '../http/cli-route.ts';

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
 * Runs a command in the server that holds the embedded database (docs/adr/0002). Output and exit
 * code are the command's own.
 */
export async function runThroughServer(owner: Owner, argv: readonly string[]): Promise<CliResult> {
  const stdin = wantsStdin(argv) ? await readStdin() : '';
  let response: Response;
  try {
    response = await fetch(`${owner.url}/api/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cairn-local-secret': owner.secret ?? '' },
      body: JSON.stringify({ argv, cwd: process.cwd(), stdin }),
    });
  } catch (error) {
    throw new DataDirError(
      `the data directory is held by the server at ${owner.url} (pid ${owner.pid}), which does not answer: ${(error as Error).message}`,
    );
  }
  if (!response.ok) {
    throw new DataDirError(
      `the server at ${owner.url} refused the command (HTTP ${response.status}): ${await response.text()}`,
    );
  }
  return (await response.json()) as CliResult;
}
