import { withLocalDb } from './cli/local.ts';
import { localCommands, runProgram } from './cli/program.ts';
import { readStdin, runThroughServer } from './cli/remote.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { DataDirError, findOwner } from './db/lock.ts';
import { InputError } from './shared/errors.ts';

/**
 * `cairn <command>`: with the embedded database held by a running server, commands run through that
 * server; otherwise in this process (docs/adr/0002-cli-and-the-embedded-database.md).
 */
export async function main(argv: readonly string[]): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const command = argv[0];
  const wantsHelp = argv.includes('--help') || argv.includes('-h') || command === 'help';
  if (config.remoteUrl) return runRemote(config, argv);
  if (command && !localCommands.has(command) && !wantsHelp && !config.databaseUrl) {
    const owner = findOwner(config.dataDir);
    if (owner?.url) {
      try {
        return await runThroughServer(owner, argv);
      } catch (error) {
        if (!(error instanceof DataDirError)) throw error;
        process.stderr.write(`error: ${error.message}\n`);
        return 1;
      }
    }
  }
  return runProgram(argv, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdin,
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    config,
    viaServer: false,
    withDb: (fn, options) => withLocalDb(config, fn, { ...options, command: command ?? 'cli' }),
  });
}

/**
 * CAIRN_URL set (a CI machine): commands that can go through that server's API with CAIRN_TOKEN;
 * the others say they need the database (docs/adr/0010).
 */
function runRemote(config: Config, argv: readonly string[]): Promise<number> {
  const err = (text: string) => process.stderr.write(text);
  if (!config.remoteToken) {
    err(
      'error: CAIRN_URL is set but CAIRN_TOKEN is not: create an API token (cairn token create)\n',
    );
    return Promise.resolve(1);
  }
  return runProgram(argv, {
    out: (text) => process.stdout.write(text),
    err,
    readStdin,
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    config,
    viaServer: false,
    remote: { url: config.remoteUrl ?? '', token: config.remoteToken },
    withDb: () =>
      Promise.reject(
        new InputError(
          `cairn ${argv[0] ?? ''} needs Cairn's database and does not work through CAIRN_URL; ` +
            'run it on the server (or unset CAIRN_URL)',
        ),
      ),
  });
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
