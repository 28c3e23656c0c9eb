import { userInfo } from 'node:os';
import { SingleBar } from 'cli-progress';
import type { Config } from '../config.ts';
import type { Executor } from '../db/db.ts';
import type { Actor } from '../shared/access.ts';
import type { Page } from '../shared/cursor.ts';
import { createMailer } from '../shared/mailer.ts';
import type { Remote } from './api-client.ts';

/** What a command may touch: its output, its input, and the database (opened on demand). */
export type CommandContext = {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  isTTY: boolean;
  cwd: string;
  config: Config;
  /**
   * Runs fn with the database: the server's own, or opened and locked for this process and migrated
   * first unless `migrate: false`.
   */
  withDb<T>(fn: (db: Executor) => Promise<T>, options?: { migrate?: boolean }): Promise<T>;
  /** Whether this command runs inside a server on behalf of a CLI process. */
  viaServer: boolean;
  /** CAIRN_URL and CAIRN_TOKEN: commands that can, go through that server's API. */
  remote?: Remote;
  /** Inside a server: progress is sent to the CLI process, which draws the bar. */
  progressBar?: (label: string) => ProgressBar;
};

export type ProgressBar = { update(done: number, total: number): void; stop(): void };

export function cliActor(): Actor {
  return { userId: null, label: `cli (${userInfo().username})`, channel: 'cli' };
}

/** Every item of a paged list, page after page. */
export async function collectPages<Item>(
  fetchPage: (page: { limit: number; cursor?: string }) => Promise<Page<Item>>,
): Promise<Item[]> {
  const all: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage({ limit: 200, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export function printJson(context: CommandContext, value: unknown) {
  context.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain aligned table: one header row, then rows. */
export function printTable(
  context: CommandContext,
  header: string[],
  rows: (string | number | null)[][],
) {
  const cells = [
    header,
    ...rows.map((row) => row.map((cell) => (cell === null ? '-' : String(cell)))),
  ];
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  );
  for (const row of cells) {
    context.out(
      `${row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  }
}

/** A progress bar on stderr when it is a terminal; silent otherwise. */
export function progressBar(context: CommandContext, label: string): ProgressBar {
  if (context.progressBar) return context.progressBar(label);
  if (!context.isTTY) return { update: () => {}, stop: () => {} };
  return terminalProgressBar(label);
}

/** A bar drawn on this process's stderr. */
export function terminalProgressBar(label: string): ProgressBar {
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% {value}/{total}`,
    stream: process.stderr,
  });
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, done);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** What a worker needs to send notifications out: email (CAIRN_SMTP_URL) and absolute links. */
export function notificationDelivery(config: Config) {
  return {
    mailer: config.smtpUrl ? createMailer(config.smtpUrl, config.mailFrom) : undefined,
    publicUrl: config.publicUrl,
  };
}
