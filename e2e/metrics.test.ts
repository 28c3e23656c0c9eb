import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import {
  apiOf,
  describeInChromium,
  heading,
  navLink,
  signedInAs,
  signedInPage as signIn,
} from './chromium.ts';

const timeout = 180_000;
const day = 86_400_000;

/** The start (UTC) of the ISO week `weeksAgo` weeks before the current one. */
function weekStart(weeksAgo: number): number {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * day;
  return monday - weeksAgo * 7 * day;
}

const viewer = { name: 'Vic Viewer', email: 'vic@example.com', password: 'viewer-password-1' };
const key = 'checkout.conversion';

describeInChromium(
  'metrics: the catalog, a metric page and its datapoints in a browser',
  (suite) => {
    test(
      'define a metric (a taken key is refused at its field), push values, read and retire it',
      async () => {
        const page = await signIn(suite.browser, suite.server.url, 900);
        const post = await apiOf(page, suite.server.url);
        const team = await post('/teams', { name: 'Payments' });
        await post('/people', { name: 'Olga Owner', teamId: team.id });
        await post('/people', { name: 'Pia Partner' });

        await navLink(page, 'Metrics').click();
        await heading(page, 'Metrics');
        await page.getByText('No metrics defined yet.').waitFor();
        await page.getByRole('button', { name: 'Define a metric' }).click();
        const form = page.getByRole('region', { name: 'Define a metric' });
        await form.getByLabel('Key').fill(key);
        await form.getByLabel('Name').fill('Checkout conversion');
        await form.getByLabel('Unit').fill('%');
        await form.getByLabel('Higher is better').check();
        await form.getByLabel('Reviewed').selectOption('weekly');
        await form.getByLabel('Owner').selectOption({ label: 'Olga Owner' });
        await form.getByLabel('Team').selectOption({ label: 'Payments' });
        await form.getByRole('button', { name: 'Add a co-owner' }).click();
        await form.getByLabel('Person (co-owner 1)').selectOption({ label: 'Pia Partner' });
        await form.getByLabel('Function (co-owner 1)').selectOption('design');
        await form.getByRole('button', { name: 'Define metric' }).click();
        await form.getByRole('status').getByText('Defined Checkout conversion.').waitFor();

        // The same key again: refused, and the problem shows at the Key field.
        await form.getByLabel('Key').fill(key);
        await form.getByLabel('Name').fill('Conversion again');
        await form.getByRole('button', { name: 'Define metric' }).click();
        await form
          .locator('.field-error')
          .getByText(`A metric with the key '${key}' already exists`)
          .waitFor();
        expect(await form.getByLabel('Key').getAttribute('aria-invalid')).toBe('true');

        // Two values pushed through the API with the session.
        await post(
          `/metrics/${key}/datapoints`,
          {
            datapoints: [
              { at: new Date(Date.now() - 14 * day).toISOString(), value: 3.4 },
              { at: new Date(Date.now() - 7 * day).toISOString(), value: 3.9 },
            ],
          },
          200,
        );

        await page.getByRole('button', { name: 'Close the form' }).click();
        // A reload asks the server for the page: the catalog is not its Prometheus /metrics.
        await page.reload();
        expect(new URL(page.url()).pathname).toBe('/metric-catalog');
        await heading(page, 'Metrics');
        const row = page.getByRole('row').filter({ hasText: key });
        await row.waitFor();
        const cells = row.getByRole('cell');
        expect(await cells.nth(1).textContent()).toBe('Checkout conversion');
        expect(await cells.nth(2).textContent()).toContain('Higher is better');
        expect(await cells.nth(3).textContent()).toBe('Weekly');
        expect(await cells.nth(5).textContent()).toBe('Olga Owner');
        expect(await cells.nth(6).textContent()).toBe('1');
        expect(await cells.nth(7).textContent()).toBe('3.9 %');

        await row.getByRole('link', { name: key }).click();
        await heading(page, 'Checkout conversion');
        await page.getByText('Pia Partner (Design)').waitFor();
        await page.getByRole('heading', { name: 'All datapoints (2)' }).waitFor();
        const values = page
          .getByRole('region', { name: 'Datapoints' })
          .locator('tbody tr td.numeric');
        expect(await values.allTextContents()).toEqual(['3.9 %', '3.4 %']);
        await page
          .getByRole('img', { name: /^2 values from .*lowest 3\.4 %, highest 3\.9 %, last 3\.9 %/ })
          .waitFor();

        // Edit it: the form starts from the metric, its key cannot change.
        await page.getByRole('button', { name: 'Edit metric' }).click();
        const edit = page.getByRole('region', { name: 'Edit metric' });
        expect(await edit.getByLabel('Key').getAttribute('readonly')).not.toBeNull();
        expect(await edit.getByLabel('Person (co-owner 1)').inputValue()).not.toBe('');
        await edit.getByLabel('Reviewed').selectOption('monthly');
        await edit.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText('Saved your changes.').waitFor();
        await page.locator('.facts').getByText('Monthly').waitFor();
        await page.getByText('Pia Partner (Design)').waitFor();

        // Retire it: it leaves the active list and shows among the retired.
        await page.getByRole('button', { name: 'Retire metric' }).click();
        await page.getByRole('button', { name: 'Retire metric' }).click();
        await page.getByText('Retired: it has left the catalog; its history stays.').waitFor();
        await page.getByRole('button', { name: 'Bring back' }).waitFor();
        await navLink(page, 'Metrics').click();
        await heading(page, 'Metrics');
        await page.getByText('No metrics defined yet.').waitFor();
        expect(await page.getByRole('row').filter({ hasText: key }).count()).toBe(0);
        await page.getByLabel('Show retired').click();
        await page.getByRole('row').filter({ hasText: key }).waitFor();
        expect(await page.getByLabel('Show retired').isChecked()).toBe(true);
        await page.close();
      },
      timeout,
    );

    test(
      'a rule fires on a weekly metric, a review takes the firing up, links, target and CSV',
      async () => {
        const page = await signIn(suite.browser, suite.server.url, 900);
        const post = await apiOf(page, suite.server.url);
        const session = await (await page.request.get(`${suite.server.url}/api/session`)).json();
        const latency = 'api.latency';
        await post('/metrics', {
          key: latency,
          name: 'API latency p90',
          unit: 'ms',
          direction: 'lower',
          cadence: 'weekly',
          period: 'week',
          ownerId: session.user.personId,
        });
        // The last 10 complete ISO weeks, a value on each Wednesday; the last two above 400 ms.
        const values = [300, 310, 305, 295, 300, 310, 305, 300, 450, 480];
        const datapoints: { at: string; value: number; dimensions?: Record<string, string> }[] =
          values.map((value, index) => ({
            at: new Date(weekStart(10 - index) + 2.5 * day).toISOString(),
            value,
          }));
        const lastWeek = new Date(weekStart(1) + 3 * day).toISOString();
        datapoints.push(
          { at: lastWeek, value: 470, dimensions: { region: 'eu' } },
          { at: lastWeek, value: 490, dimensions: { region: 'us' } },
        );
        await post(`/metrics/${latency}/datapoints`, { datapoints }, 200);

        await page.goto(`${suite.server.url}/metrics/${latency}`);
        await heading(page, 'API latency p90');
        const vanity = page.getByRole('region', { name: 'It may be a vanity metric' });
        await vanity.getByText('Add a decision rule', { exact: false }).waitFor();
        await vanity.getByText('No decision.').waitFor();

        // The latest complete week against the one before, in words: lower is better.
        await page.getByText('Up 6.7 % vs the week before: worse (lower is better)').waitFor();
        await page.getByText('Notable').first().waitFor();

        // Stating the rule: a band whose ends are the wrong way round is refused at its field.
        const rule = page.getByRole('region', { name: 'Decision rule' });
        await rule.getByText('No decision rule yet.').waitFor();
        await rule.getByRole('button', { name: 'State a rule' }).click();
        await rule.getByLabel('Decision').fill('Is the search release making the API slow?');
        await rule.getByLabel('When it is').selectOption('outside');
        await rule.getByLabel('Band from (ms)').fill('500');
        await rule.getByLabel('Band to (ms)').fill('400');
        await rule.getByLabel('Action').fill('stop feature work');
        await rule.getByLabel('Who acts').selectOption({ label: 'Ada Admin' });
        await rule.getByRole('button', { name: 'Save rule' }).click();
        await rule.locator('.field-error').getByText('must be above threshold').waitFor();
        expect(await rule.getByLabel('Band to (ms)').getAttribute('aria-invalid')).toBe('true');

        await rule.getByLabel('When it is').selectOption('above');
        await rule.getByLabel('Threshold (ms)').fill('400');
        await rule.getByLabel('For how many weeks in a row').fill('2');
        await rule.getByRole('button', { name: 'Save rule' }).click();
        await rule.getByText('Saved the rule. It fires now.').waitFor();
        await rule
          .getByText(
            'If it is above 400 ms for 2 weeks in a row → stop feature work (Ada Admin acts)',
            { exact: true },
          )
          .waitFor();
        await rule.locator('.badge').getByText('Firing', { exact: true }).waitFor();
        const firings = rule.getByRole('region', { name: 'Firings' }).getByRole('listitem');
        expect(await firings.count()).toBe(1);
        const firing = firings.first();
        await firing.getByText('Waiting for review').waitFor();
        expect(await firing.getByText(/: 450 ms; .*: 480 ms$/).count()).toBe(1);
        await firing
          .getByText('Rule as it stood: If it is above 400 ms', { exact: false })
          .waitFor();

        // The chart draws the threshold and marks the breaching weeks, in its key.
        const key = page.getByRole('list', { name: 'Chart key' });
        await key.getByText('Decision threshold: above 400 ms').waitFor();
        await key.getByText('Breaches the decision rule').waitFor();

        // A review with a note takes the waiting firing up.
        const reviews = page.getByRole('region', { name: 'Reviews' });
        await reviews.getByLabel('Keep').check();
        await reviews
          .getByLabel('Note')
          .fill('Slow search queries; feature work paused until fixed.');
        await reviews.getByRole('button', { name: 'Record review' }).click();
        await reviews.getByText('Recorded the review.').waitFor();
        await reviews
          .getByRole('listitem')
          .getByText('Slow search queries', { exact: false })
          .waitFor();
        await firing.getByText('Reviewed', { exact: true }).waitFor();
        expect(await firing.getByText('Waiting for review').count()).toBe(0);

        // A link to what it serves.
        const links = page.getByRole('region', { name: 'Links' });
        await links.getByLabel('Kind').selectOption('guardrail');
        await links.getByLabel('Title').fill('Checkout stays fast');
        await links.getByLabel('Address').fill('https://example.com/checkout-fast');
        await links.getByRole('button', { name: 'Add link' }).click();
        const link = links.getByRole('link', { name: 'Checkout stays fast' });
        expect(await link.getAttribute('href')).toBe('https://example.com/checkout-fast');
        // Rule, review and link: nothing left to flag.
        await vanity.waitFor({ state: 'detached' });

        // A target set through the API: the chart draws it and says so.
        await post(`/metrics/${latency}`, { target: 320 }, 200, 'PATCH');
        await page.reload();
        await heading(page, 'API latency p90');
        await key.getByText('Target: 320 ms').waitFor();
        await page.getByRole('img', { name: /target 320 ms\.$/ }).waitFor();

        // The span and the breakdown are in the URL.
        await page.getByLabel('Show the last').selectOption('52');
        await page.waitForURL(/periods=52/);
        await page.getByLabel('Break down by').selectOption('region');
        await page.waitForURL(/dimension=region/);
        await page.getByRole('columnheader', { name: 'region = eu' }).waitFor();

        // The chart's numbers as CSV, starting with its header.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Download CSV of the chart' }).click(),
        ]);
        const csv = await readFile(await download.path(), 'utf8');
        expect(csv.startsWith('period_start,value,change,change_percent,notable')).toBe(true);
        expect(csv).toContain('region=eu');
        const [datapointsDownload] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Download CSV of every datapoint' }).click(),
        ]);
        const rows = await readFile(await datapointsDownload.path(), 'utf8');
        expect(rows.split('\n')[0]).toBe('at,value,region');
        await page.close();
      },
      timeout,
    );

    test(
      'a SQL source that cannot connect shows as failing with its error; an admin runs it now',
      async () => {
        const page = await signIn(suite.browser, suite.server.url, 900);
        const post = await apiOf(page, suite.server.url);
        const query = 'select period, count(*) from orders where at >= {{from}} and at < {{to}}';
        await post('/metrics', {
          key: 'warehouse.orders',
          name: 'Orders per week',
          direction: 'higher',
          source: 'sql',
          sourceConfig: {
            kind: 'sql',
            connectionUrl: 'postgres://cairn:secret@127.0.0.1:1/warehouse',
            query,
            timeoutSeconds: 5,
          },
        });
        await page.goto(`${suite.server.url}/metrics/warehouse.orders`);
        await heading(page, 'Orders per week');
        await page.getByText('No datapoints yet.').waitFor();
        await page.getByText('Cairn computes its values from its source').waitFor();
        const source = page.getByRole('region', { name: 'Source' });
        await source.locator('pre code').getByText(query).waitFor();
        expect(await source.getByText('secret').count()).toBe(0);
        await source.getByRole('button', { name: 'Run now' }).click();
        await source.getByText('Ran it: The last run failed; the last good values stay.').waitFor();
        await source.locator('.badge').getByText('Failing').waitFor();
        expect(
          (await source.locator('.metric-source-error').textContent())?.length,
        ).toBeGreaterThan(0);
        await page.close();
      },
      timeout,
    );

    test(
      'a viewer reads the catalog and a metric but defines and retires nothing',
      async () => {
        const admin = await signIn(suite.browser, suite.server.url, 900);
        const post = await apiOf(admin, suite.server.url);
        await post('/users', { ...viewer, role: 'viewer' });
        await post('/metrics', { key: 'nps', name: 'Net promoter score', direction: 'higher' });
        await admin.close();

        const page = await signedInAs(suite.browser, suite.server.url, viewer, 900);
        await navLink(page, 'Metrics').click();
        await heading(page, 'Metrics');
        await page.getByRole('link', { name: 'nps' }).click();
        await heading(page, 'Net promoter score');
        await page.getByText('No datapoints yet.').waitFor();
        await page.getByText('npx cairn metric push nps 3.4', { exact: false }).waitFor();
        expect(await page.getByRole('button', { name: 'Edit metric' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Retire metric' }).count()).toBe(0);
        // Neither its owner nor an editor: the rule, reviews and links are to read only.
        await page.getByText('No decision rule yet.').waitFor();
        await page.getByText('No reviews yet.').waitFor();
        expect(await page.getByRole('button', { name: 'State a rule' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Record review' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Add link' }).count()).toBe(0);
        await navLink(page, 'Metrics').click();
        await heading(page, 'Metrics');
        expect(await page.getByRole('button', { name: 'Define a metric' }).count()).toBe(0);
        await page.close();
      },
      timeout,
    );
  },
);
