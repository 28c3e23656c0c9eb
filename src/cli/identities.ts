import type { Command } from 'commander';
import { z } from 'zod';
import type { Executor } from '../db/db.ts';
import { type Identity, identityQuerySchema } from '../git/health-schema.ts';
import { listIdentities, updateIdentity } from '../git/identities.ts';
import { findPerson, findPersonByEmail } from '../org/people.ts';
import { NotFoundError } from '../shared/errors.ts';
import { type CommandContext, cliActor, collectPages, printJson, printTable } from './io.ts';
import { parseInput } from './parse.ts';

const identityId = z.coerce
  .number()
  .int()
  .positive('must be an identity number (see `cairn identities`)');

async function personId(db: Executor, emailOrId: string): Promise<string> {
  const person = emailOrId.includes('@')
    ? await findPersonByEmail(db, emailOrId)
    : z.uuid().safeParse(emailOrId).success
      ? await findPerson(db, emailOrId)
      : undefined;
  if (!person) throw new NotFoundError(`no person with email or id '${emailOrId}'`);
  return person.id;
}

function print(context: CommandContext, identity: Identity) {
  const who = identity.personName ? `${identity.personName} (by ${identity.matchedBy})` : 'no one';
  context.out(
    `${identity.id} ${identity.name} <${identity.email}>: ${identity.isBot ? 'bot, ' : ''}matched to ${who}\n`,
  );
}

export function registerIdentities(program: Command, context: CommandContext) {
  const identities = program
    .command('identities')
    .description('Commit authors (after .mailmap) and the people they are matched to')
    .option('--status <status>', 'unmatched, matched, bots or all', 'all')
    .option('--json', 'print JSON')
    .action(async (options: { status: string; json?: boolean }) => {
      const query = parseInput(identityQuerySchema, { status: options.status, limit: 200 });
      const all = await context.withDb((db) =>
        collectPages((page) => listIdentities(db, { ...query, ...page })),
      );
      if (options.json) return printJson(context, all);
      printTable(
        context,
        ['ID', 'NAME', 'EMAIL', 'COMMITS', 'PERSON', 'BOT'],
        all.map((i) => [i.id, i.name, i.email, i.commits, i.personName, i.isBot ? 'yes' : '']),
      );
    });
  identities
    .command('merge <id>')
    .description('Count an identity as a person (who has another email)')
    .requiredOption('--person <email-or-id>', 'the person')
    .action(async (id: string, options: { person: string }) => {
      const identity = await context.withDb(async (db) =>
        updateIdentity(db, cliActor(), parseInput(identityId, id, 'id'), {
          personId: await personId(db, options.person),
        }),
      );
      print(context, identity);
    });
  identities
    .command('unmerge <id>')
    .description('Match an identity by its email again')
    .action(async (id: string) => {
      const identity = await context.withDb((db) =>
        updateIdentity(db, cliActor(), parseInput(identityId, id, 'id'), { personId: null }),
      );
      print(context, identity);
    });
  identities
    .command('bot <id>')
    .description('Mark an identity as a bot: left out of people-level numbers')
    .option('--undo', 'not a bot after all')
    .action(async (id: string, options: { undo?: boolean }) => {
      const identity = await context.withDb((db) =>
        updateIdentity(db, cliActor(), parseInput(identityId, id, 'id'), { isBot: !options.undo }),
      );
      print(context, identity);
    });
}
