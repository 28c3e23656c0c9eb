import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * PGlite admits one process per data directory. The owner writes `owner.json` there; when it is a
 * server it also records its URL and a local secret, so that the CLI can run through it
 * (docs/adr/0002-cli-and-the-embedded-database.md).
 */
const ownerSchema = z.object({
  pid: z.number().int(),
  command: z.string(),
  url: z.string().optional(),
  secret: z.string().optional(),
});
export type Owner = z.infer<typeof ownerSchema>;

const ownerFile = (dataDir: string) => join(dataDir, 'owner.json');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Data directories this process holds (a file with our pid but not in here is a stale one). */
const held = new Set<string>();

/** The live process that holds the data directory, if any (a stale file is ignored). */
export function findOwner(dataDir: string): Owner | undefined {
  const owner = readOwner(ownerFile(dataDir));
  if (!owner) return undefined;
  if (owner.pid === process.pid) return held.has(dataDir) ? owner : undefined;
  return isAlive(owner.pid) ? owner : undefined;
}

function readOwner(file: string): Owner | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = ownerSchema.safeParse(safeJson(text));
  return parsed.success ? parsed.data : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The data directory cannot be used: missing permissions, or another process holds it. */
export class DataDirError extends Error {}

export class DataDirBusyError extends DataDirError {
  constructor(
    readonly owner: Owner,
    dataDir: string,
  ) {
    super(`data directory ${dataDir} is in use by process ${owner.pid} (cairn ${owner.command})`);
  }
}

export type DataDirLock = {
  /** Records more about the owner (a server adds its URL and secret once it listens). */
  update(owner: Omit<Owner, 'pid'>): void;
  release(): void;
};

/**
 * Takes the data directory for this process, or throws DataDirBusyError. The directory is made
 * private to its owner (0700): it holds the database, password hashes and the CLI's secret.
 */
export function lockDataDir(dataDir: string, owner: Omit<Owner, 'pid'>): DataDirLock {
  const file = ownerFile(dataDir);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataDirError(`cannot create data directory ${dataDir}: ${code}`);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ ...owner, pid: process.pid }));
      closeSync(fd);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST')
        throw new DataDirError(`cannot write to data directory ${dataDir}: ${code}`);
      const current = findOwner(dataDir);
      if (current) throw new DataDirBusyError(current, dataDir);
      removeStale(file, dataDir);
      continue;
    }
    held.add(dataDir);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      held.delete(dataDir);
      rmSync(file, { force: true });
    };
    process.once('exit', release);
    const update = (next: Omit<Owner, 'pid'>) => {
      if (!released)
        writeFileSync(file, JSON.stringify({ ...next, pid: process.pid }), { mode: 0o600 });
    };
    return { update, release };
  }
  throw new DataDirError(
    `could not take the data directory ${dataDir}: another process keeps taking it`,
  );
}

/**
 * Moves a stale owner file aside atomically. If another process replaced it with a live one in the
 * meantime, that one is put back and the directory is busy.
 */
function removeStale(file: string, dataDir: string) {
  const aside = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // someone else moved it first: try again
  }
  const moved = readOwner(aside);
  if (moved && moved.pid !== process.pid && isAlive(moved.pid)) {
    renameSync(aside, file);
    throw new DataDirBusyError(moved, dataDir);
  }
  rmSync(aside, { force: true });
}
