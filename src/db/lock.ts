import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
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

/** The live process that holds the data directory, if any (a stale file is ignored). */
export function findOwner(dataDir: string): Owner | undefined {
  let text: string;
  try {
    text = readFileSync(ownerFile(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = ownerSchema.safeParse(safeJson(text));
  if (!parsed.success || parsed.data.pid === process.pid || !isAlive(parsed.data.pid)) {
    return undefined;
  }
  return parsed.data;
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

/** Takes the data directory for this process, or throws DataDirBusyError. */
export function lockDataDir(dataDir: string, owner: Omit<Owner, 'pid'>): DataDirLock {
  const file = ownerFile(dataDir);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new DataDirError(
      `cannot create data directory ${dataDir}: ${(error as NodeJS.ErrnoException).code}`,
    );
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ ...owner, pid: process.pid }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
      process.once('exit', release);
      const update = (next: Omit<Owner, 'pid'>) => {
        if (!released)
          writeFileSync(file, JSON.stringify({ ...next, pid: process.pid }), { mode: 0o600 });
      };
      return { update, release };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST')
        throw new DataDirError(`cannot write to data directory ${dataDir}: ${code}`);
      const current = findOwner(dataDir);
      if (current) throw new DataDirBusyError(current, dataDir);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not take the data directory ${dataDir}`);
}
