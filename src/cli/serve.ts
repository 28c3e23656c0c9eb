import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import type { CommandContext } from './io.ts';
import { startServer } from './server.ts';

export function registerServe(program: Command, context: CommandContext) {
  program
    .command('serve')
    .description('Serve the web UI and the API (and run a worker in-process, CAIRN_WORKERS)')
    .option('--port <port>', 'port to listen on (PORT, default 4321)')
    .option('--host <host>', 'address to bind (HOST, default 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      if (context.viaServer) throw new Error('a server is already running for this data directory');
      const config = loadConfig(process.env, { port: options.port, host: options.host });
      const server = await startServer(config, context);
      await server.closed;
    });
}
