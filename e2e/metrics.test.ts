import { expect, test } from 'vitest';
import {
  apiOf,
  describeInChromium,
  heading,
  navLink,
  newPage,
  signedInPage as signIn,
} from './chromium.ts';

const timeout = 180_000;
const day = 86_400_000;

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
        const values = page.locator('tbody tr td.numeric');
        expect(await values.allTextContents()).toEqual(['3.9 %', '3.4 %']);
        await page
          .getByRole('img', { name: /^2 values from .*first 3\.4 %, last 3\.9 %/ })
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
      'a viewer reads the catalog and a metric but defines and retires nothing',
      async () => {
        const admin = await signIn(suite.browser, suite.server.url, 900);
        const post = await apiOf(admin, suite.server.url);
        await post('/users', { ...viewer, role: 'viewer' });
        await post('/metrics', { key: 'nps', name: 'Net promoter score', direction: 'higher' });
        await admin.close();

        const page = await newPage(suite.browser, 900);
        await page.goto(`${suite.server.url}/sign-in`);
        await page.getByLabel('Email').fill(viewer.email);
        await page.getByLabel('Password').fill(viewer.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await heading(page, `Welcome, ${viewer.name}`);
        await navLink(page, 'Metrics').click();
        await heading(page, 'Metrics');
        await page.getByRole('link', { name: 'nps' }).click();
        await heading(page, 'Net promoter score');
        await page.getByText('No datapoints yet.').waitFor();
        await page.getByText('npx cairn metric push nps 3.4', { exact: false }).waitFor();
        expect(await page.getByRole('button', { name: 'Edit metric' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Retire metric' }).count()).toBe(0);
        await navLink(page, 'Metrics').click();
        await heading(page, 'Metrics');
        expect(await page.getByRole('button', { name: 'Define a metric' }).count()).toBe(0);
        await page.close();
      },
      timeout,
    );
  },
);
