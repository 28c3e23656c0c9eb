import type { Command } from 'commander';
import { z } from 'zod';
import { scopeSchema } from '../auth/schema.ts';
import { createToken, listTokens, revokeToken } from '../auth/tokens.ts';
import { getUserByEmail } from '../auth/users.ts';
import { type CommandContext, cliActor, collectPages, printJson, printTable } from './io.ts';
import { parseInput } from './parse.ts';

const scopesSchema = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((scope) => scope.trim())
      .filter(Boolean),
  )
  .pipe(z.array(scopeSchema).min(1, 'name at least one of read, write, ingest'));

export function registerToken(program: Command, context: CommandContext) {
  const token = program.command('token').description('Manage API tokens');
  token
    .command('create')
    .description('Create an API token for a user and print it once')
    .requiredOption('--email <email>', 'the user the token acts for')
    .requiredOption('--name <name>', 'what the token is for, e.g. "CI deploys"')
    .option('--scopes <scopes>', 'comma-separated: read,write,ingest', 'read')
    .option('--expires-in-days <days>', 'expire after this many days (default: never)')
    .option('--json', 'print the token and its details as JSON')
    .action(
      async (options: {
        email: string;
        name: string;
        scopes: string;
        expiresInDays?: string;
        json?: boolean;
      }) => {
        const scopes = parseInput(scopesSchema, options.scopes, '--scopes');
        const expiresInDays =
          options.expiresInDays === undefined
            ? null
            : parseInput(
                z.coerce.number().int().min(1).max(3650),
                options.expiresInDays,
                '--expires-in-days',
              );
        const name = parseInput(
          z.string().trim().min(1, 'must not be empty'),
          options.name,
          '--name',
        );
        const created = await context.withDb(async (db) => {
          const user = await getUserByEmail(db, options.email);
          return createToken(db, cliActor(), { userId: user.id, name, scopes, expiresInDays });
        });
        if (options.json) return printJson(context, created);
        context.out(`${created.token}\n`);
        context.err(
          `token '${created.name}' for ${created.userEmail} (${created.scopes.join(',')}): it is shown only once\n`,
        );
      },
    );
  token
    .command('list')
    .description('List API tokens (not their secrets)')
    .option('--email <email>', "only this user's tokens")
    .option('--json', 'print JSON')
    .action(async (options: { email?: string; json?: boolean }) => {
      const tokens = await context.withDb(async (db) => {
        const owner = options.email ? (await getUserByEmail(db, options.email)).id : null;
        return collectPages((page) => listTokens(db, owner, page));
      });
      if (options.json) return printJson(context, tokens);
      printTable(
        context,
        ['ID', 'USER', 'NAME', 'PREFIX', 'SCOPES', 'STATUS', 'EXPIRES', 'LAST USED'],
        tokens.map((t) => [
          t.id,
          t.userEmail,
          t.name,
          t.prefix,
          t.scopes.join(','),
          t.revokedAt
            ? 'revoked'
            : t.expiresAt && t.expiresAt < new Date().toISOString()
              ? 'expired'
              : 'active',
          t.expiresAt ?? 'never',
          t.lastUsedAt ?? 'never',
        ]),
      );
    });
  token
    .command('revoke <id>')
    .description('Revoke an API token')
    .action(async (id: string) => {
      const tokenId = parseInput(z.uuid('must be a token id (UUID)'), id, 'id');
      const revoked = await context.withDb((db) => revokeToken(db, cliActor(), tokenId, null));
      context.out(`revoked token '${revoked.name}' of ${revoked.userEmail}\n`);
    });
}
