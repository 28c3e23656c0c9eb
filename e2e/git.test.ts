import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type GitRepo, makeGitRepo } from '../test/git-repo.ts';
import {
  chromiumPath,
  hasChromium,
  heading,
  launchChromium,
  navLink,
  signedInPage as signIn,
} from './chromium.ts';
import { admin, type RunningServer, startServer } from './start-server.ts';

const timeout = 180_000;

const grace = { name: 'Grace Hopper', email: 'grace@example.com' };
const linus = { name: 'Linus Torvalds', email: 'linus@example.org' };
const lines = (count: number, from = 0) =>
  Array.from(
    { length: count },
    (_, index) => `export const line${from + index} = ${index};\n`,
  ).join('');

/** Whole weeks before now: commits that far apart fall in different ISO weeks. */
const weeksAgo = (weeks: number) => new Date(Date.now() - weeks * 7 * 86_400_000).toISOString();

/**
 * Seven commits by three authors in the default 12-month window (the admin commits as Ada, with
 * the admin's email): src/app.ts changes in six of them and ends at 135 lines, 115 of them Ada's.
 */
function makeHistory(): GitRepo {
  const repo = makeGitRepo();
  let app = lines(100);
  const appendApp = (count: number) => {
    app += lines(count, app.split('\n').length);
    repo.write('src/app.ts', app);
  };
  repo.write('src/app.ts', app);
  repo.write('src/util.ts', lines(20));
  repo.write('README.md', '# Shop\n\nA test repository.\n\nHello.\n');
  repo.commit('Start the shop', { at: weeksAgo(37) });
  appendApp(10);
  repo.commit('Grow the app', { at: weeksAgo(36) });
  appendApp(5);
  repo.write('src/util.ts', lines(25));
  repo.commit('Fix the util', { at: weeksAgo(32), author: grace });
  repo.move('src/util.ts', 'src/lib/util.ts');
  repo.commit('Move the util', { at: weeksAgo(28) });
  appendApp(10);
  repo.write('docs/guide.md', lines(30));
  repo.commit('Write the guide', { at: weeksAgo(24), author: grace });
  appendApp(5);
  repo.commit('Patch the app', { at: weeksAgo(11), author: linus });
  appendApp(5);
  repo.commit('Polish the app', { at: weeksAgo(7) });
  return repo;
}

if (hasChromium) {
  describe('git repositories and code health in a browser', () => {
    let server: RunningServer;
    let browser: Browser;
    let repo: GitRepo;
    let notARepo: string;

    beforeAll(async () => {
      repo = makeHistory();
      notARepo = mkdtempSync(join(tmpdir(), 'cairn-not-git-'));
      server = await startServer();
      browser = await launchChromium();
    }, timeout);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      repo?.destroy();
      if (notARepo) rmSync(notARepo, { recursive: true, force: true });
    }, timeout);

    const signedInPage = () => signIn(browser, server.url, 900);

    test(
      'connect a repository, read its stats and code health, merge an identity',
      async () => {
        const page = await signedInPage();

        // Connect: a folder that is not a repository is refused at the Source field.
        await navLink(page, 'Repositories').click();
        await heading(page, 'Repositories');
        await page.getByText('No repositories connected yet.').waitFor();
        await page.getByLabel('Source').fill(notARepo);
        await page.getByRole('button', { name: 'Connect repository' }).click();
        await page.locator('.field-error').getByText('is not a git repository').waitFor();
        expect(await page.getByLabel('Source').getAttribute('aria-invalid')).toBe('true');

        await page.getByLabel('Source').fill(repo.dir);
        await page.getByLabel('Name (optional)').fill('shop');
        await page.getByRole('button', { name: 'Connect repository' }).click();
        await page.getByRole('status').getByText('its first sync has started').waitFor();

        // The table follows the sync until it is done: 7 commits read.
        const row = page.getByRole('row').filter({ hasText: 'shop' });
        await row.getByText('Synced').waitFor();
        expect(await row.getByRole('cell').nth(5).textContent()).toBe('7');
        expect(await row.getByRole('cell').nth(2).textContent()).toBe('main');

        // Its page: the totals of its history and the most changed files.
        await row.getByRole('link', { name: 'shop' }).click();
        await heading(page, 'shop');
        const stat = (label: string) =>
          page
            .locator('.stat')
            .filter({ has: page.getByRole('term').getByText(label, { exact: true }) });
        await stat('Commits').getByRole('definition').getByText('7', { exact: true }).waitFor();
        expect(await stat('Authors').getByRole('definition').textContent()).toBe('3');
        expect(await stat('Merges').getByRole('definition').textContent()).toBe('0');
        const topFile = page.getByRole('table').getByRole('row').nth(1);
        expect(await topFile.getByRole('cell').first().textContent()).toBe('src/app.ts');
        expect(await topFile.getByRole('cell').nth(1).textContent()).toBe('6');

        // Code health: the treemap shows src/app.ts, the table ranks it first.
        await page.getByRole('link', { name: 'Code health for this repository' }).click();
        await heading(page, 'Code health');
        const appBox = page.getByRole('button', { name: 'src/app.ts — 6 commits, 135 lines' });
        await appBox.waitFor();
        expect(await page.locator('.treemap title').allTextContents()).toContain(
          'src/app.ts — 6 commits, 135 lines',
        );
        const ranked = page.getByRole('tabpanel').getByRole('table').getByRole('row');
        const first = ranked.nth(1);
        expect(await first.getByRole('cell').nth(0).textContent()).toBe('1');
        expect(await first.getByRole('cell').nth(1).textContent()).toBe('src/app.ts');
        expect(await first.getByRole('cell').nth(4).textContent()).toBe('810');

        // Selecting it shows its weekly trend, and the selection is in the URL.
        await appBox.click();
        await page.getByRole('heading', { name: 'Weekly changes of src/app.ts' }).waitFor();
        await page.getByText(/^6 commits in 6 of \d+ weeks: \+135 \/ −0 lines\./).waitFor();
        await page.getByRole('img', { name: /^Commits per week to src\/app\.ts/ }).waitFor();
        expect(new URL(page.url()).searchParams.get('file')).toBe('src/app.ts');

        // The keyboard moves between files in rank order; Enter selects.
        await appBox.focus();
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Enter');
        const second = await ranked.nth(2).getByRole('cell').nth(1).textContent();
        await page.getByRole('heading', { name: `Weekly changes of ${second}` }).waitFor();

        // Ownership names the main author: the admin, matched by email.
        await page.getByRole('tab', { name: 'Ownership' }).click();
        expect(new URL(page.url()).searchParams.get('tab')).toBe('ownership');
        const owned = page
          .getByRole('tabpanel')
          .getByRole('row')
          .filter({ has: page.getByRole('cell', { name: 'src/app.ts', exact: true }) });
        await owned.getByRole('link', { name: admin.name }).waitFor();
        expect(await owned.textContent()).toMatch(/85\s?%/);

        // Identities: Grace is unmatched until merged into her person.
        const { csrfToken } = (await (
          await page.request.get(`${server.url}/api/session`)
        ).json()) as {
          csrfToken: string;
        };
        const created = await page.request.post(`${server.url}/api/people`, {
          headers: { 'x-csrf-token': csrfToken },
          data: { name: grace.name },
        });
        expect(created.status()).toBe(201);
        await navLink(page, 'Identities').click();
        await heading(page, 'Git identities');
        const graceRow = page.getByRole('row').filter({ hasText: grace.email });
        await graceRow.waitFor();
        expect(await page.getByRole('row').filter({ hasText: linus.email }).count()).toBe(1);
        expect(await page.getByRole('row').filter({ hasText: admin.email }).count()).toBe(0);
        await graceRow.getByRole('button', { name: /^Merge into person/ }).click();
        const picker = page.getByLabel(`Merge ${grace.name} <${grace.email}> into`);
        expect(await picker.locator('option:checked').textContent()).toBe(grace.name);
        await page.getByRole('button', { name: 'Merge', exact: true }).click();
        await page
          .getByRole('status')
          .getByText(`Merged ${grace.name} <${grace.email}> into ${grace.name}.`)
          .waitFor();
        await expect
          .poll(() => page.getByRole('row').filter({ hasText: grace.email }).count())
          .toBe(0);

        await page.getByRole('tab', { name: 'Matched', exact: true }).click();
        const matched = page.getByRole('row').filter({ hasText: grace.email });
        await matched.getByText('merged by an admin').waitFor();
        await matched.getByRole('link', { name: grace.name }).waitFor();
        await page.close();
      },
      timeout,
    );

    test(
      'define a service for the repository; a bad environment list is refused at its field',
      async () => {
        const page = await signedInPage();
        await navLink(page, 'Services').click();
        await heading(page, 'Services');
        await page.getByLabel('Name').fill('shop-api');
        await page.getByLabel('Repository').selectOption({ label: 'shop' });
        await page.getByLabel('Production environments').fill(' , ');
        await page.getByRole('button', { name: 'Create service' }).click();
        await page.locator('.field-error').getByText('at least one environment').waitFor();
        await page.getByLabel('Production environments').fill('prod-eu, prod-us');
        await page.getByRole('button', { name: 'Create service' }).click();
        await page.getByRole('status').getByText('Created shop-api.').waitFor();
        const row = page.getByRole('row').filter({ hasText: 'shop-api' });
        await row.getByRole('link', { name: 'shop', exact: true }).waitFor();
        expect(await row.getByRole('cell').nth(3).textContent()).toBe('prod-eu, prod-us');
        await row.getByRole('link', { name: 'shop-api' }).click();
        await heading(page, 'shop-api');
        await page.getByText('Production: prod-eu, prod-us').waitFor();
        await page.close();
      },
      timeout,
    );
  });
} else {
  console.warn('browser suite not run: /usr/bin/chromium not found (apt-get install -y chromium)');
  test('browser suite (not run: no chromium)', () => {
    expect(existsSync(chromiumPath)).toBe(false);
  });
}
