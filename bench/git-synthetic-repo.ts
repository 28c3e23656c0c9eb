import { existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from '../src/git/git.ts';
import { type FastImport, startFastImport } from './git-fast-import.ts';

/**
 * A large synthetic repository for bench/git-ingest.ts, written by streaming `git fast-import`:
 * ~35 authors (a few aliases joined by .mailmap, one bot), 31 folders, a few thousand text and
 * binary files over time, commits of 1–8 files (a few up to 40) whose edits give real numstat
 * counts, renames, deletions, topic branches merged back, a second root history merged in, and
 * author dates over five years ending now (a few out of order, two decades off). Generated once
 * per commit count and generator version, then cached in the temp directory.
 */

/** Bump when the generated history changes, so cached repositories are made again. */
export const generatorVersion = 2;

export type SyntheticRepo = {
  path: string;
  /** How long making it took, in seconds; null when it came from the cache. */
  generated: { importSeconds: number; gcSeconds: number } | null;
};

export async function syntheticRepo(commits: number): Promise<SyntheticRepo> {
  const path = join(tmpdir(), `cairn-bench-git-v${generatorVersion}-${commits}.git`);
  if (existsSync(path)) return { path, generated: null };
  const partial = `${path}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const started = performance.now();
  const since = (start: number) => (performance.now() - start) / 1000;
  try {
    await runGit(['init', '--quiet', '--bare', '--initial-branch=main', partial]);
    const out = startFastImport(partial);
    await writeHistory(out, commits);
    await out.finish();
    await runGit(['-C', partial, 'update-ref', '-d', topicRef]);
    const imported = performance.now();
    // Packed with deltas and a commit-graph, as `git gc` leaves a real repository.
    await runGit(['-C', partial, 'gc', '--quiet']);
    renameSync(partial, path);
    return {
      path,
      generated: { importSeconds: since(started) - since(imported), gcSeconds: since(imported) },
    };
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

// --- randomness (seeded: the same history every time) ---

type Random = () => number;

function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: Random, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function pickWeighted<T extends { weight: number }>(rand: Random, items: readonly T[]): T {
  let total = 0;
  for (const item of items) total += item.weight;
  let target = rand() * total;
  for (const item of items) {
    target -= item.weight;
    if (target < 0) return item;
  }
  return items[items.length - 1] as T;
}

const between = (rand: Random, low: number, high: number) =>
  low + Math.floor(rand() * (high - low + 1));

// --- people ---

type Identity = { name: string; email: string; tz: string };
type Person = Identity & {
  weight: number;
  /** Active over this part of the timeline (0 = first commit, 1 = now). */
  from: number;
  to: number;
  /** An older identity used in the first part of their time, joined to this one by .mailmap. */
  alias?: Identity & { until: number };
};

const firstNames = [
  'Ana',
  'Ben',
  'Chloé',
  'Dmitri',
  'Emma',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Omar',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Victor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoë',
  'Aiko',
  'Bruno',
  'Carmen',
  'Dev',
];
const lastNames = [
  'Silva',
  'Novak',
  'Martin',
  'Ivanov',
  'Schmidt',
  'Haddad',
  'Okafor',
  'Tanaka',
  'García',
  'Berg',
  'Mensah',
  'Weber',
  'Rossi',
  'Kowalski',
  'Nasser',
  'Patel',
  'Dubois',
  'Moreno',
  'Lind',
  'Aziz',
  'Rao',
  'Costa',
  'Li',
  'Herrera',
  'Demir',
  'Müller',
  'Sato',
  'Ferreira',
  'Ruiz',
  'Kapoor',
];
const timeZones = ['+0000', '+0100', '+0200', '-0500', '-0800', '+0530', '+0900', '-0300'];

function createPeople(rand: Random): Person[] {
  return firstNames.map((first, index) => {
    const last = lastNames[index] ?? 'Doe';
    const handle = `${first}.${last}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    const from = index < 5 ? 0 : rand() * 0.8;
    const person: Person = {
      name: `${first} ${last}`,
      email: `${handle}@example.com`,
      tz: pick(rand, timeZones),
      weight: 1 / (index + 1) ** 0.7,
      from,
      to: rand() < 0.3 ? from + (1 - from) * rand() : 1,
    };
    // Four people committed under another name or address before: what .mailmap is for.
    if (index % 7 === 2) {
      person.alias = {
        name: index % 2 === 0 ? (handle.split('.')[0] ?? first) : person.name,
        email: `${handle.split('.')[0]}@old-laptop.local`,
        tz: person.tz,
        until: from + (person.to - from) * 0.4,
      };
    }
    return person;
  });
}

const bot: Identity = {
  name: 'dependabot[bot]',
  email: '49699333+dependabot[bot]@users.noreply.github.com',
  tz: '+0000',
};
const mergeBot: Identity = { name: 'GitHub', email: 'noreply@github.com', tz: '+0000' };

function mailmap(people: readonly Person[]): string {
  const lines = people
    .filter((person) => person.alias)
    .map(
      (person) => `${person.name} <${person.email}> ${person.alias?.name} <${person.alias?.email}>`,
    );
  return `${lines.join('\n')}\n`;
}

function pickAuthor(rand: Random, people: readonly Person[], at: number): Identity {
  const active = people.filter((person) => person.from <= at && person.to >= at);
  const person = pickWeighted(rand, active.length > 0 ? active : people);
  if (person.alias && at < person.alias.until && rand() < 0.6) return person.alias;
  return person;
}

// --- file contents ---

type Kind = 'code' | 'prose' | 'binary';
type Folder = { path: string; kind: Kind; ext: string; weight: number; files: string[] };

const folderSpecs: [string, Kind, string, number][] = [
  ['src/api', 'code', '.ts', 6],
  ['src/api/handlers', 'code', '.ts', 9],
  ['src/api/middleware', 'code', '.ts', 3],
  ['src/core', 'code', '.ts', 5],
  ['src/core/models', 'code', '.ts', 6],
  ['src/core/services', 'code', '.ts', 8],
  ['src/db', 'code', '.ts', 4],
  ['src/db/migrations', 'code', '.sql', 3],
  ['src/ui', 'code', '.tsx', 4],
  ['src/ui/components', 'code', '.tsx', 9],
  ['src/ui/pages', 'code', '.tsx', 7],
  ['src/ui/hooks', 'code', '.ts', 3],
  ['src/utils', 'code', '.ts', 3],
  ['src/jobs', 'code', '.ts', 3],
  ['src/auth', 'code', '.ts', 3],
  ['src/billing', 'code', '.ts', 4],
  ['src/search', 'code', '.ts', 2],
  ['src/notifications', 'code', '.ts', 2],
  ['lib/parser', 'code', '.ts', 2],
  ['lib/format', 'code', '.ts', 1],
  ['test/unit', 'code', '.test.ts', 6],
  ['test/integration', 'code', '.test.ts', 4],
  ['test/fixtures', 'prose', '.json', 1],
  ['docs', 'prose', '.md', 2],
  ['docs/guides', 'prose', '.md', 1],
  ['scripts', 'code', '.sh', 1],
  ['config', 'prose', '.yml', 1],
  ['assets/images', 'binary', '.png', 1],
  ['assets/fonts', 'binary', '.woff2', 0.3],
  ['tools/ci', 'prose', '.yml', 1],
];
const vendorSpec: [string, Kind, string, number] = ['vendor/legacy-sdk', 'code', '.c', 1];

const words =
  'account active adapter amount batch buffer cache client config context count cursor date delta draft entry error event field filter flag format handler header index item job key limit list local match member message metric mode node offset order owner page param parent path plan policy query queue range record request result retry role route rule scope score session shard signal size slot source state status stream summary table target task team tenant token total trace user value version view window worker'.split(
    ' ',
  );
const verbs =
  'apply build check clear compute create decode encode fetch find flush format handle load merge parse read render reset resolve save scan send sort split start stop store sync update validate write'.split(
    ' ',
  );
const funnyNames = ['größen-übersicht', 'café-menü', 'naïve-résumé', '日本語-メモ'];

const camel = (a: string, b: string) => `${a}${b.charAt(0).toUpperCase()}${b.slice(1)}`;

function codeLine(rand: Random): string {
  const r = rand();
  if (r < 0.08) return '';
  if (r < 0.15) return '}';
  const indent = '  '.repeat(between(rand, 1, 3));
  const a = pick(rand, words);
  const b = pick(rand, words);
  const n = between(rand, 0, 999);
  if (r < 0.35) return `${indent}const ${a}${n} = ${pick(rand, verbs)}(${b});`;
  if (r < 0.5) return `${indent}if (${a}.${b} > ${n}) return ${b};`;
  if (r < 0.62) return `${indent}// ${pick(rand, verbs)} the ${a} ${b}`;
  if (r < 0.75) return `export function ${camel(pick(rand, verbs), a)}${n}(${b}) {`;
  if (r < 0.88) return `${indent}${a}.${b} = await ${pick(rand, verbs)}(${a});`;
  return `${indent}for (const ${a} of ${b}s) ${pick(rand, verbs)}(${a});`;
}

function proseLine(rand: Random): string {
  if (rand() < 0.12) return '';
  const count = between(rand, 3, 10);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(rand() < 0.2 ? pick(rand, verbs) : pick(rand, words));
  return `${parts.join(' ')} ${between(rand, 1, 999)}.`;
}

function newLines(rand: Random, kind: Kind, count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(kind === 'prose' ? proseLine(rand) : codeLine(rand));
  return lines;
}

function newBytes(rand: Random): Buffer {
  const bytes = Buffer.alloc(between(rand, 300, 4000));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
  bytes[0] = 0; // binary to git: a NUL in the first 8,000 bytes
  return bytes;
}

/** A few hunks that delete and insert lines, keeping files between ~15 and 300 lines. */
function editLines(rand: Random, lines: string[], kind: Kind): void {
  const hunks = 1 + (rand() < 0.35 ? 1 : 0) + (rand() < 0.1 ? 2 : 0);
  for (let h = 0; h < hunks; h++) {
    // Files grow and shrink around ~100 lines.
    const growth = Math.min(0.85, Math.max(0.1, 0.62 - lines.length / 400));
    const big = rand() < 0.03;
    const deleted = rand() < 0.35 ? 0 : Math.floor(rand() * rand() * (big ? 60 : 10)) + 1;
    const del = Math.max(0, Math.min(deleted, lines.length - 15));
    const added =
      rand() < growth
        ? 1 + Math.floor(rand() * rand() * (big ? 120 : 14))
        : Math.floor(rand() * (del + 1));
    const at = Math.floor(rand() * (lines.length - del + 1));
    lines.splice(at, del, ...newLines(rand, kind, Math.max(added, del === 0 ? 1 : 0)));
  }
  if (lines.length > 300) lines.splice(between(rand, 0, 290), lines.length - 300);
}

// --- the working tree as it evolves ---

type FileState = { folder: Folder; lines: string[] | null; bytes: Buffer | null };

type Op =
  | { kind: 'M'; path: string; content: string | Buffer }
  | { kind: 'D'; path: string }
  | { kind: 'R'; from: string; to: string };

function createTree(rand: Random) {
  const files = new Map<string, FileState>();
  let counter = 0;

  const content = (state: FileState): string | Buffer =>
    state.bytes ?? `${(state.lines ?? []).join('\n')}\n`;
  const freshPath = (folder: Folder): string => {
    for (;;) {
      counter++;
      const base =
        counter % 997 === 0
          ? pick(rand, funnyNames)
          : `${pick(rand, words)}-${pick(rand, rand() < 0.5 ? words : verbs)}`;
      const path = `${folder.path}/${base}${folder.ext}`;
      if (!files.has(path)) return path;
    }
  };
  const add = (path: string, state: FileState): Op => {
    files.set(path, state);
    state.folder.files.push(path);
    return { kind: 'M', path, content: content(state) };
  };
  const forget = (path: string, state: FileState) => {
    files.delete(path);
    const list = state.folder.files;
    const index = list.indexOf(path);
    list[index] = list[list.length - 1] as string;
    list.pop();
  };

  return {
    contentOf(path: string): string | Buffer | undefined {
      const state = files.get(path);
      return state && content(state);
    },
    create(folder: Folder, path = freshPath(folder)): Op {
      const binary = folder.kind === 'binary';
      return add(path, {
        folder,
        lines: binary ? null : newLines(rand, folder.kind, between(rand, 20, 20 + rand() * 130)),
        bytes: binary ? newBytes(rand) : null,
      });
    },
    edit(path: string): Op {
      const state = files.get(path) as FileState;
      if (state.lines) editLines(rand, state.lines, state.folder.kind);
      else state.bytes = newBytes(rand);
      return { kind: 'M', path, content: content(state) };
    },
    remove(path: string): Op {
      forget(path, files.get(path) as FileState);
      return { kind: 'D', path };
    },
    /** A rename, into the same folder or a sibling of its kind, often with a small edit. */
    rename(path: string, to: Folder): Op[] {
      const state = files.get(path) as FileState;
      forget(path, state);
      const target = freshPath(to);
      add(target, { ...state, folder: to });
      const ops: Op[] = [{ kind: 'R', from: path, to: target }];
      if (state.lines && rand() < 0.6) ops.push(this.edit(target));
      return ops;
    },
  };
}
type Tree = ReturnType<typeof createTree>;

// --- commits ---

type Commit = {
  ref: string;
  mark: number;
  from?: number;
  merge?: number;
  author: Identity;
  committer: Identity;
  authorTime: number;
  commitTime: number;
  message: string;
  ops: Op[];
};

const mainRef = 'refs/heads/main';
const topicRef = 'refs/heads/topic';

function writeCommit(out: FastImport, commit: Commit): void {
  const who = (identity: Identity, time: number) =>
    `${identity.name} <${identity.email}> ${time} ${identity.tz}`;
  out.line(`commit ${commit.ref}`);
  out.line(`mark :${commit.mark}`);
  out.line(`author ${who(commit.author, commit.authorTime)}`);
  out.line(`committer ${who(commit.committer, commit.commitTime)}`);
  out.data(commit.message);
  if (commit.from !== undefined) out.line(`from :${commit.from}`);
  if (commit.merge !== undefined) out.line(`merge :${commit.merge}`);
  for (const op of commit.ops) {
    if (op.kind === 'D') out.line(`D ${op.path}`);
    else if (op.kind === 'R') out.line(`R ${op.from} ${op.to}`);
    else {
      out.line(`M 100644 inline ${op.path}`);
      out.data(op.content);
    }
  }
  out.line('');
}

function message(rand: Random, subject: string): string {
  if (rand() < 0.6) return `${subject}\n`;
  const body = newLines(rand, 'prose', between(rand, 1, 4)).filter((line) => line !== '');
  return `${subject}\n\n${body.join('\n')}\n`;
}

function subjectFor(rand: Random, path: string): string {
  const area = path.split('/').slice(-2, -1)[0] ?? 'root';
  const verb = pick(rand, [
    'Fix',
    'Add',
    'Refactor',
    'Update',
    'Remove',
    'Rename',
    'Speed up',
    'Test',
  ]);
  return `${verb} ${pick(rand, words)} ${pick(rand, words)} in ${area}`;
}

/** Probability that a touched file is a new one: a few thousand files over the whole history. */
const createRate = (total: number) => Math.min(0.05, 3000 / (total * 2.8));

/** The file operations of one ordinary commit, within the given folders. */
function changeOps(rand: Random, tree: Tree, folders: readonly Folder[], total: number): Op[] {
  const large = rand() < 0.02;
  const count = large ? between(rand, 9, 40) : Math.min(8, 1 + Math.floor(-Math.log(rand()) * 2.2));
  const primary = pickWeighted(rand, folders);
  const touched = new Set<string>();
  const ops: Op[] = [];
  for (let i = 0; i < count; i++) {
    const folder = rand() < 0.75 ? primary : pickWeighted(rand, folders);
    const r = rand();
    if (folder.files.length === 0 || r < createRate(total)) {
      const op = tree.create(folder);
      if (op.kind === 'M') touched.add(op.path);
      ops.push(op);
      continue;
    }
    const path = folder.files[Math.floor(folder.files.length * rand() ** 2)] as string;
    if (touched.has(path)) continue;
    touched.add(path);
    if (r > 0.997 && folder.files.length > 3) ops.push(tree.remove(path));
    else if (r > 0.993) {
      const to = rand() < 0.6 ? folder : pickWeighted(rand, folders);
      const renamed = tree.rename(path, to.kind === folder.kind ? to : folder);
      for (const op of renamed) if (op.kind === 'M') touched.add(op.path);
      ops.push(...renamed);
    } else ops.push(tree.edit(path));
  }
  return ops;
}

/** Writes the whole history: `total` commits, merges and the second root included. */
async function writeHistory(out: FastImport, total: number): Promise<void> {
  const rand = createRandom(20261124);
  const end = Math.floor(Date.now() / 1000) - 3600;
  const start = end - Math.floor(5 * 365.25 * 86400);
  const people = createPeople(rand);
  const tree = createTree(rand);
  const toFolder = ([path, kind, ext, weight]: [string, Kind, string, number]): Folder => ({
    path,
    kind,
    ext,
    weight,
    files: [],
  });
  const folders = folderSpecs.map(toFolder);
  const vendor = toFolder(vendorSpec);
  const root: Folder = { path: '', kind: 'prose', ext: '', weight: 0, files: [] };
  let mark = 0;
  let mainTip = 0;

  const timeAt = (position: number) =>
    Math.min(end, Math.floor(start + ((end - start) * position) / total + (rand() - 0.5) * 7200));
  const commit = (fields: Omit<Commit, 'mark' | 'authorTime' | 'commitTime'>, skew = 0) => {
    mark++;
    let authorTime = timeAt(mark) - skew;
    if (mark === Math.floor(total * 0.5) || mark === Math.floor(total * 0.75)) {
      authorTime = 978_307_200 + mark; // a clock decades off, as real histories have
    }
    const commitTime =
      Math.max(authorTime, timeAt(mark)) +
      (rand() < 0.7 ? between(rand, 0, 600) : between(rand, 600, 259_200));
    writeCommit(out, { ...fields, mark, authorTime, commitTime });
    return mark;
  };

  // The first commit: .mailmap, root files and a first few files in every folder.
  const seed: Op[] = [{ kind: 'M', path: '.mailmap', content: mailmap(people) }];
  for (const name of ['README.md', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    seed.push(tree.create(root, name));
  }
  for (const folder of folders) for (let i = 0; i < 3; i++) seed.push(tree.create(folder));
  const first = people[0] as Person;
  mainTip = commit({
    ref: mainRef,
    author: first,
    committer: first,
    message: 'Initial commit\n',
    ops: seed,
  });

  let vendored = false;
  while (mark < total) {
    const remaining = total - mark;
    const at = mark / total;
    if (!vendored && at >= 0.3 && remaining > 60) {
      vendored = true;
      mainTip = writeTopic(40, [vendor], true);
      folders.push(vendor);
    } else if (rand() < 1 / 120 && remaining > 8) {
      mainTip = writeTopic(between(rand, 2, 5), folders, false);
    } else if (rand() < 0.015) {
      const ops = [tree.edit('package.json'), tree.edit('package-lock.json')];
      const subject = `Bump ${pick(rand, words)}-${pick(rand, words)} from 1.${between(rand, 0, 9)}.0 to 1.${between(rand, 10, 19)}.0`;
      mainTip = commit({
        ref: mainRef,
        author: bot,
        committer: mergeBot,
        message: `${subject}\n`,
        ops,
      });
    } else {
      const author = pickAuthor(rand, people, at);
      const ops = changeOps(rand, tree, folders, total);
      const subject = subjectFor(
        rand,
        ops[0]?.kind === 'R' ? ops[0].to : (ops[0]?.path ?? 'root/x'),
      );
      const skew = rand() < 0.003 ? between(rand, 86_400, 90 * 86_400) : 0;
      const committer = rand() < 0.85 ? author : pickAuthor(rand, people, at);
      mainTip = commit(
        { ref: mainRef, author, committer, message: message(rand, subject), ops },
        skew,
      );
    }
    await out.drain();
  }

  /** A topic branch of `length` commits (a new root history when `orphan`), merged into main. */
  function writeTopic(length: number, scope: readonly Folder[], orphan: boolean): number {
    out.line(`reset ${topicRef}`);
    if (!orphan) out.line(`from :${mainTip}`);
    out.line('');
    const author = pickAuthor(rand, people, mark / total);
    const touched = new Set<string>();
    for (let i = 0; i < length; i++) {
      const ops = changeOps(rand, tree, scope, total);
      for (const op of ops) {
        if (op.kind === 'R') touched.add(op.from).add(op.to);
        else touched.add(op.path);
      }
      const subject = subjectFor(rand, ops[0]?.kind === 'R' ? ops[0].to : (ops[0]?.path ?? 'x/x'));
      commit({ ref: topicRef, author, committer: author, message: message(rand, subject), ops });
    }
    // Main did not move meanwhile: the merge's tree is the topic's, stated path by path.
    const ops: Op[] = [...touched].map((path) => {
      const content = tree.contentOf(path);
      return content === undefined ? { kind: 'D', path } : { kind: 'M', path, content };
    });
    const branch = orphan ? 'legacy-sdk/main' : `${pick(rand, words)}-${pick(rand, verbs)}`;
    return commit({
      ref: mainRef,
      from: mainTip,
      merge: mark,
      author,
      committer: mergeBot,
      message: `Merge pull request #${mark} from ${branch}\n`,
      ops,
    });
  }
}
