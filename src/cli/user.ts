import type { Command } from 'commander';
import { z } from 'zod';
import {
  createUserSchema,
  passwordSchema,
  roleSchema,
  type User,
  updateUserSchema,
} from '../auth/schema.ts';
import { createUser, deleteUser, getUserByEmail, listUsers, updateUser } from '../auth/users.ts';
import { InputError } from '../shared/errors.ts';
import { type CommandContext, cliActor, collectPages, printJson, printTable } from './io.ts';
import { parseInput } from './parse.ts';

async function readPassword(context: CommandContext): Promise<string> {
  const text = await context.readStdin();
  const password = text.replace(/\r?\n$/, '');
  if (!password) throw new InputError('--password-stdin: no password on standard input');
  return parseInput(passwordSchema, password, '--password-stdin');
}

function printUsers(context: CommandContext, users: User[], json?: boolean) {
  if (json) return printJson(context, users);
  printTable(
    context,
    ['EMAIL', 'NAME', 'ROLE', 'STATUS'],
    users.map((user) => [user.email, user.name, user.role, user.disabled ? 'disabled' : 'active']),
  );
}

export function registerUser(program: Command, context: CommandContext) {
  const user = program.command('user').description('Manage user accounts');
  user
    .command('create')
    .description('Create a user (and their person, if no person has the email yet)')
    .requiredOption('--email <email>', 'sign-in email')
    .option('--name <name>', "the person's name (required when no person has the email)")
    .requiredOption('--role <role>', 'admin, leader, member or viewer')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print the user as JSON')
    .action(
      async (options: {
        email: string;
        name?: string;
        role: string;
        passwordStdin?: boolean;
        json?: boolean;
      }) => {
        const password = options.passwordStdin ? await readPassword(context) : undefined;
        const input = parseInput(createUserSchema, {
          email: options.email,
          name: options.name,
          role: options.role,
          password,
        });
        const created = await context.withDb((db) => createUser(db, cliActor(), input));
        if (options.json) printJson(context, created);
        else context.out(`created ${created.role} ${created.email} (${created.name})\n`);
      },
    );
  user
    .command('list')
    .description('List users')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const users = await context.withDb((db) => collectPages((page) => listUsers(db, page)));
      printUsers(context, users, options.json);
    });
  user
    .command('update')
    .description("Change a user's role, disable or enable them, or set their password")
    .requiredOption('--email <email>', 'the user')
    .option('--role <role>', 'admin, leader, member or viewer')
    .option('--disable', 'disable the account (signs it out everywhere)')
    .option('--enable', 'enable the account again')
    .option('--new-email <email>', 'change the sign-in email')
    .option('--password-stdin', 'read a new password from standard input (unlocks the account)')
    .option('--json', 'print the user as JSON')
    .action(
      async (options: {
        email: string;
        newEmail?: string;
        role?: string;
        disable?: boolean;
        enable?: boolean;
        passwordStdin?: boolean;
        json?: boolean;
      }) => {
        if (options.disable && options.enable)
          throw new InputError('pass --disable or --enable, not both');
        const password = options.passwordStdin ? await readPassword(context) : undefined;
        const input = parseInput(updateUserSchema, {
          role:
            options.role === undefined ? undefined : parseInput(roleSchema, options.role, '--role'),
          disabled: options.disable ? true : options.enable ? false : undefined,
          email:
            options.newEmail === undefined
              ? undefined
              : parseInput(z.email('must be an email address'), options.newEmail, '--new-email'),
          password,
        });
        const email = parseInput(z.email('--email must be an email address'), options.email);
        const updated = await context.withDb(async (db) =>
          updateUser(db, cliActor(), (await getUserByEmail(db, email)).id, input),
        );
        if (options.json) printJson(context, updated);
        else
          context.out(
            `updated ${updated.email}: ${updated.role}, ${updated.disabled ? 'disabled' : 'active'}\n`,
          );
      },
    );
  user
    .command('delete')
    .description('Remove a user account (its sessions and tokens too); the person stays')
    .requiredOption('--email <email>', 'the user')
    .action(async (options: { email: string }) => {
      const email = parseInput(z.email('must be an email address'), options.email, '--email');
      await context.withDb(async (db) =>
        deleteUser(db, cliActor(), (await getUserByEmail(db, email)).id),
      );
      context.out(`removed the account of ${email}\n`);
    });
}
