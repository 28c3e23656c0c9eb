import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const cairnBin = fileURLToPath(new URL('../bin/cairn.js', import.meta.url));

export type CliRun = { code: number | null; stdout: string; stderr: string };

function baseEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: undefined,
    CAIRN_TEST_DATABASE_URL: undefined,
    CAIRN_URL: undefined,
    CAIRN_TOKEN: undefined,
  };
  for (const [key, value] of Object.entries(env)) merged[key] = value;
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return merged;
}

/** Runs `cairn ...args` as a real process. */
export function runCairn(
  args: string[],
  options: { env?: Record<string, string | undefined>; stdin?: string; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cairnBin, ...args], {
      env: baseEnv(options.env ?? {}),
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
};

/** Starts `cairn serve` on a free port and resolves once it listens. */
export function startCairnServer(env: Record<string, string | undefined>): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cairnBin, 'serve'], {
      env: baseEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /Cairn is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        resolve({
          url: match[1],
          child,
          output: () => output,
          async stop(signal = 'SIGTERM') {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            const hung = setTimeout(() => child.kill('SIGKILL'), 10_000);
            await exited;
            clearTimeout(hung);
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`cairn serve exited (${code}) before listening:\n${output}`)),
    );
  });
}
