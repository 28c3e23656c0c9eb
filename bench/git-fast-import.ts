import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * A `git fast-import` process fed as a stream: commands are buffered into chunks of about 1 MB and
 * written as git takes them, so a history of any length never sits in memory.
 */
export type FastImport = {
  /** One command line; the newline is added. */
  line(text: string): void;
  /** A `data` block: the exact byte count, the bytes, a newline. */
  data(content: string | Buffer): void;
  /** Writes what is buffered once it is large enough, waiting while git catches up. */
  drain(): Promise<void>;
  /** Ends the stream and waits for git to write the pack and the refs. */
  finish(): Promise<void>;
};

const chunkBytes = 1 << 20;
const aheadBytes = 16 << 20;

export function startFastImport(gitDir: string): FastImport {
  // Light compression: fast-import spends its time hashing and deflating; `git gc` packs after.
  const args = ['-c', 'pack.compression=1', '-C', gitDir, 'fast-import', '--quiet', '--done'];
  const child = spawn('git', args, { stdio: ['pipe', 'ignore', 'pipe'] });
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on('error', () => {}); // a dead git is reported by its exit code in finish()
  const exited = once(child, 'close') as Promise<[number | null]>;

  let text = '';
  let chunks: Buffer[] = [];
  let size = 0;
  const pushText = (value: string) => {
    text += value;
    size += value.length;
  };
  const write = async () => {
    if (text !== '') chunks.push(Buffer.from(text, 'utf8'));
    const chunk = Buffer.concat(chunks);
    text = '';
    chunks = [];
    size = 0;
    child.stdin.write(chunk);
    // Run ahead of git by a few chunks, so that neither waits for the other.
    if (child.stdin.writableLength > aheadBytes) {
      await Promise.race([once(child.stdin, 'drain'), exited]);
    }
  };

  return {
    line(value) {
      pushText(`${value}\n`);
    },
    data(content) {
      if (typeof content === 'string') {
        pushText(`data ${Buffer.byteLength(content)}\n${content}\n`);
        return;
      }
      pushText(`data ${content.length}\n`);
      chunks.push(Buffer.from(text, 'utf8'), content);
      size += content.length;
      text = '\n';
    },
    async drain() {
      if (size >= chunkBytes) await write();
    },
    async finish() {
      pushText('done\n');
      await write();
      child.stdin.end();
      const [code] = await exited;
      if (code !== 0) {
        throw new Error(`git fast-import failed (${code}): ${Buffer.concat(stderr).toString()}`);
      }
    },
  };
}
