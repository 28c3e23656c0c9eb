import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startFastImport } from './git-fast-import.ts';

/**
 * Writes `count` new commits on top of `tip` to `ref` (the branch itself is left alone), editing the
 * text files changed most in the last few hundred commits, as new work on a live repository does.
 * Returns the new tip.
 */
export async function appendCommits(
  gitDir: string,
  tip: string,
  ref: string,
  count: number,
): Promise<string> {
  const files = await hotTextFiles(gitDir, tip, 30);
  if (files.size === 0) files.set('cairn-bench/notes.txt', []);
  const paths = [...files.keys()];
  const out = startFastImport(gitDir);
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < count; i++) {
    const time = now - (count - i) * 60;
    out.line(`commit ${ref}`);
    out.line(`author Bench Author <bench@example.com> ${time} +0000`);
    out.line(`committer Bench Author <bench@example.com> ${time} +0000`);
    out.data(`Bench change ${i + 1} of ${count}\n`);
    if (i === 0) out.line(`from ${tip}`);
    const touched = new Set(Array.from({ length: 1 + randomInt(4) }, () => pickOne(paths)));
    for (const path of touched) {
      const lines = files.get(path) ?? [];
      editLines(lines, `${i}`);
      out.line(`M 100644 inline ${path}`);
      out.data(Buffer.from(`${lines.join('\n')}\n`, 'latin1'));
    }
    out.line('');
  }
  await out.finish();
  return (await git(gitDir, ['rev-parse', ref])).toString().trim();
}

const randomInt = (below: number) => Math.floor(Math.random() * below);
const pickOne = <T>(items: readonly T[]): T => items[randomInt(items.length)] as T;

function editLines(lines: string[], tag: string): void {
  const deleted = Math.min(randomInt(4), Math.max(0, lines.length - 5));
  const added = Array.from({ length: 1 + randomInt(8) }, (_, n) => `// bench edit ${tag}.${n}`);
  lines.splice(randomInt(lines.length - deleted + 1), deleted, ...added);
}

/** Up to `limit` text files at `tip` (under 64 KB) by how often the last 500 commits changed them. */
async function hotTextFiles(gitDir: string, tip: string, limit: number) {
  const log = await git(gitDir, [
    'log',
    '-n',
    '500',
    '--no-merges',
    '-z',
    '--name-only',
    '--format=',
    tip,
  ]);
  const counts = new Map<string, number>();
  for (const path of log.toString('utf8').split('\0')) {
    const name = path.replace(/^\n/, '');
    if (name !== '') counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const files = new Map<string, string[]>();
  for (const [path] of [...counts].sort((a, b) => b[1] - a[1])) {
    if (files.size >= limit) break;
    if (path.includes('\n') || path.startsWith('"')) continue; // needs quoting in fast-import
    const bytes = await git(gitDir, ['cat-file', 'blob', `${tip}:${path}`]).catch(() => null);
    if (!bytes || bytes.length > 65_536 || bytes.includes(0)) continue; // gone, large or binary
    files.set(path, bytes.toString('latin1').replace(/\n$/, '').split('\n'));
  }
  return files;
}

async function git(gitDir: string, args: string[]): Promise<Buffer> {
  const { stdout } = await promisify(execFile)('git', ['-C', gitDir, ...args], {
    encoding: 'buffer',
    maxBuffer: 256 << 20,
  });
  return stdout;
}
