import type { Config } from '../config.ts';
import type { Executor } from '../db/db.ts';
import { lockDataDir } from '../db/lock.ts';
import { migrate } from '../db/migrate.ts';
import { expireLeases } from '../db/queue.ts';
import { openConfiguredDb } from './server.ts';

/** The CLI's own database access: PostgreSQL directly, or the embedded database, locked for this process. */
export async function withLocalDb<T>(
  config: Config,
  fn: (db: Executor) => Promise<T>,
  options: { migrate?: boolean; command: string },
): Promise<T> {
  const lock = config.databaseUrl
    ? undefined
    : lockDataDir(config.dataDir, { command: options.command });
  try {
    const db = await openConfiguredDb(config);
    try {
      if (options.migrate !== false) await migrate(db);
      if (lock && options.migrate !== false) await expireLeases(db);
      return await fn(db);
    } finally {
      await db.close();
    }
  } finally {
    lock?.release();
  }
}
