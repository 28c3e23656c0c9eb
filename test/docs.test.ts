import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const documents = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(root, 'docs'), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name)),
];

describe('the docs describe the tree as it is', () => {
  test.each(documents)('every file or folder named in %s exists', (document) => {
    const text = readFileSync(join(root, document), 'utf8');
    const named = [
      ...text.matchAll(/`((?:src|web|test|e2e|bench|migrations|docs|bin|\.ci)\/[\w./-]*)`/g),
    ]
      .map((match) => match[1] ?? '')
      .filter((path) => !path.includes('NNNN') && !path.includes('<') && !path.includes('feature'));
    const missing = named.filter((path) => !existsSync(join(root, path)));
    expect(missing).toEqual([]);
  });

  test('every environment variable the configuration reads is in the README table', () => {
    const config = readFileSync(join(root, 'src/config.ts'), 'utf8');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const variables = [...config.matchAll(/env\.([A-Z_]+)/g)].map((match) => match[1] ?? '');
    expect(variables.length).toBeGreaterThan(5);
    expect(variables.filter((name) => !readme.includes(`| \`${name}\``))).toEqual([]);
  });
});
