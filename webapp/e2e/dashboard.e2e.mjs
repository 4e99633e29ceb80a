// Browser end-to-end test of the dashboard against a running platform, in Debian's Chromium driven by playwright-core.
// Usage: node e2e/dashboard.e2e.mjs --base-url http://127.0.0.1:8080 [--screenshots ../docs/screenshots]
//        [--repository-url file:///…/acme/shop.git --github-api-url http://127.0.0.1:…]
// Walks what a user does: set up the first administrator, sign out and in, create a project, open it, configure its
// repository (meeting a server-side field error first), create a ticket with a screenshot, filter the list, open the
// ticket and set its status; store secrets, create an agent runner; then, when a repository the worker can reach is
// given, take the ticket through research (with a line comment and a revision), planning and approval to an execution
// run and its pull request, follow the run's log, and schedule a recurring task; then edit the runner's AGENTS.md,
// connect a custom sender whose signed webhook deliveries show up (processed, failed, redelivered), add a user and meet
// the last-administrator rule, make them a project approver, create / use / revoke an API token and verify the audit
// log's hash chain. Every step asserts what the page shows. Exits 0 when all steps pass, 1 with the failing step and a
// screenshot otherwise.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    screenshots: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    'repository-url': { type: 'string' },
    'github-api-url': { type: 'string' },
  },
});
const base = args['base-url'];
if (!base) {
  console.error('--base-url is required');
  process.exit(2);
}
const shots = args.screenshots ? resolve(args.screenshots) : undefined;
if (shots) {
  mkdirSync(shots, { recursive: true });
}

const userDataDir = mkdtempSync(join(tmpdir(), 'vg-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: args.chromium,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  viewport: { width: 1440, height: 900 },
  colorScheme: 'light',
  locale: 'en-US',
  timezoneId: 'UTC',
});
// generous: the machine may be busy with other builds; a passing step takes far less
context.setDefaultTimeout(20_000);
context.setDefaultNavigationTimeout(30_000);
const page = context.pages()[0] ?? (await context.newPage());
const problems = [];
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
page.on('console', (message) => {
  // failed API calls the test provokes on purpose (a 400, the 404 of a missing SCM configuration) are logged by the
  // browser as "Failed to load resource"; anything else is a bug
  if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
    problems.push(`console error: ${message.text()}`);
  }
});

let current = 'start';
const started = Date.now();
async function step(name, body) {
  current = name;
  const t0 = Date.now();
  await body();
  console.log(`ok   ${name} (${Date.now() - t0} ms)`);
}
async function snap(name, { fullPage = false } = {}) {
  if (shots) {
    await page.mouse.move(0, 0);
    // the page as it rests: scrolled to the top, without the toasts of the step before
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.querySelectorAll('[data-sonner-toaster]').forEach((toaster) => (toaster.style.display = 'none'));
    });
    const viewport = page.viewportSize();
    if (fullPage) {
      // a viewport as tall as the page keeps the fixed sidebar full height (a "fullPage" capture would not)
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: viewport.width, height });
    }
    await page.waitForTimeout(250); // let transitions settle
    await page.screenshot({ path: join(shots, `${name}.png`) });
    if (fullPage) {
      await page.setViewportSize(viewport);
    }
    await page.evaluate(() =>
      document.querySelectorAll('[data-sonner-toaster]').forEach((toaster) => (toaster.style.display = '')),
    );
  }
}
/** Retries an assertion until it passes or its time (10 s unless given) has gone by. */
async function eventually(check, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}
const visible = (locator, timeout) => locator.waitFor({ state: 'visible', timeout });
/** How long an agent run may take: the worker is a fresh JVM on a machine that may be busy. */
const RUN_TIMEOUT = 180_000;
const field = (label) => page.getByLabel(label, { exact: true });
/** The session's CSRF token, which cookie-signed-in writes (the browser's and page.request's alike) must echo. */
async function csrf() {
  const cookie = (await context.cookies(base)).find((c) => c.name === 'vg_csrf');
  return { 'X-CSRF-Token': cookie ? cookie.value : '' };
}
async function seedTicket(projectId, ticket) {
  const response = await page.request.post(`${base}/api/tickets`, { data: { projectId, ...ticket }, headers: await csrf() });
  assert.equal(response.status(), 201, await response.text());
}

try {
  let projectId;

  await step('an empty platform asks for its first administrator', async () => {
    await page.goto(base);
    await visible(page.getByRole('heading', { name: 'Set up Viberglass', level: 1 }));
    await snap('setup');
    await field('Your name').fill('Ada Admin');
    await field('Email').fill('ada@example.test');
    await field('Password').fill('short');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    // the form's own message next to the field (the toast repeats it)
    await visible(page.locator('form').getByText('must be at least 12 characters long'));
    await field('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await visible(page.getByRole('heading', { name: 'Projects', level: 1 }));
  });

  await step('sign out, then sign in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await visible(page.getByRole('heading', { name: 'Sign in to Viberglass', level: 1 }));
    await field('Email').fill('ada@example.test');
    await field('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.locator('form').getByText('Invalid email or password'));
    await snap('login');
    await field('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Projects', level: 1 }));
  });

  await step('the projects page greets an empty platform', async () => {
    await page.goto(base);
    await visible(page.getByRole('heading', { name: 'Projects', level: 1 }));
    await visible(page.getByText('No projects yet'));
  });

  await step('create a project', async () => {
    await page.getByRole('link', { name: 'New project' }).first().click();
    await visible(page.getByRole('heading', { name: 'New project', level: 1 }));
    await field('Project name').fill('Acme Shop');
    await field('Description').fill('The storefront: catalogue, cart and checkout.');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.waitForURL(`${base}/projects/acme-shop`);
    await visible(page.getByRole('heading', { name: 'Acme Shop', level: 1 }));
    await visible(page.getByText('Needs setup'));
    await visible(page.getByText('No repository is configured for this project.'));
    const project = await (await page.request.get(`${base}/api/projects/by-slug/acme-shop`)).json();
    projectId = project.id;
  });

  await step('open it from the project list', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('link', { name: /Acme Shop/ }).click();
    await page.waitForURL(`${base}/projects/acme-shop`);
    await visible(page.getByText('No tickets yet'));
  });

  await step('configure the repository: a server field error first, then a valid URL', async () => {
    await page.getByRole('link', { name: 'Fix setup →' }).first().click();
    await page.waitForURL(`${base}/projects/acme-shop/settings`);
    const form = page.getByRole('form', { name: 'Repository configuration' });
    await visible(form.getByText('Not configured').or(page.getByText('Not configured')));
    const url = form.getByLabel('Repository URL', { exact: true });
    await url.fill('acme shop');
    await form.getByRole('button', { name: 'Save repository' }).click();
    await visible(form.getByText('must be an https, ssh, git or file URL'));
    assert.equal(await url.getAttribute('aria-invalid'), 'true', 'the error belongs to the Repository URL input');
    await visible(page.getByText('Check the highlighted fields'));
    await url.fill('https://github.com/acme/shop.git');
    await form.getByLabel('Base branch', { exact: true }).fill('main');
    await form.getByRole('button', { name: 'Save repository' }).click();
    await visible(page.getByText('Repository configuration saved'));
    assert.equal(await form.getByText('must be an https, ssh, git or file URL').count(), 0);
    await eventually(async () =>
      assert.equal(await form.getByLabel('Provider', { exact: true }).inputValue(), 'github', 'provider detected'),
    );
    const general = page.getByRole('form', { name: 'General settings' });
    await general.getByLabel('Agent instructions', { exact: true }).fill('Run `npm test` before committing.\nNever touch the payments module.');
    await general.getByRole('button', { name: 'Save changes' }).click();
    await visible(page.getByText('Project settings saved'));
    await snap('project-settings', { fullPage: true });
  });

  await step('create a ticket with a screenshot (and meet the client-side type check)', async () => {
    await seedTicket(projectId, {
      title: 'Search ignores accented characters',
      description: 'Searching for "creme" does not find "Crème brûlée".',
      severity: 'medium',
      category: 'Search',
    });
    await seedTicket(projectId, {
      title: 'Order confirmation shows the wrong currency',
      description: 'EU customers see prices in USD in the confirmation email.',
      severity: 'critical',
      category: 'Email',
      workflowPhase: 'planning',
      workflowOverrideReason: 'Root cause already known from the incident review.',
    });
    await page.goto(`${base}/projects/acme-shop/tickets/new`);
    await visible(page.getByRole('heading', { name: 'New ticket', level: 1 }));
    const evidence = await page.screenshot({ clip: { x: 0, y: 0, width: 800, height: 500 } });
    const picker = page.locator('input[type=file]').first();
    await picker.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
    await visible(page.getByText('Screenshots must be PNG, JPEG, GIF or WebP images.'));
    await picker.setInputFiles({ name: 'checkout.png', mimeType: 'image/png', buffer: evidence });
    await visible(page.getByText('checkout.png'));
    await field('Title').fill('Checkout button does nothing on Safari');
    await field('Description').fill(
      'On Safari 18 the "Place order" button does not respond. Chrome and Firefox work.\n\nSteps: add any item, open the cart, press Place order.',
    );
    await field('Severity').selectOption('high');
    await field('Category').fill('Checkout');
    await snap('create-ticket');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.waitForURL(/\/projects\/acme-shop\/tickets\/[0-9a-f-]{36}$/);
    await visible(page.getByRole('heading', { name: 'Checkout button does nothing on Safari', level: 1 }));
    const image = page.getByRole('img', { name: 'Screenshot checkout.png' });
    await visible(image);
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await image.elementHandle());
  });

  await step('filter the ticket list (URL-synced) and switch views', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
    await page.waitForURL(`${base}/projects/acme-shop/tickets`);
    await visible(page.getByText('3 tickets total'));
    await snap('tickets-table');
    await page.getByLabel('Severity', { exact: true }).selectOption('critical');
    await page.waitForURL(/severity=critical/);
    await visible(page.getByText('1 ticket total'));
    await visible(page.getByRole('link', { name: 'Order confirmation shows the wrong currency' }));
    await page.getByLabel('Severity', { exact: true }).selectOption('all');
    await page.getByRole('searchbox').fill('safari');
    await page.waitForURL(/search=safari/);
    await visible(page.getByText('1 ticket total'));
    await page.reload();
    await visible(page.getByText('1 ticket total'));
    assert.equal(await page.getByRole('searchbox').inputValue(), 'safari', 'the search survives a reload');
    await page.getByRole('searchbox').fill('');
    await visible(page.getByText('3 tickets total'));
    await page.getByRole('radio', { name: 'Board' }).click();
    await page.waitForURL(/view=board/);
    await visible(page.getByRole('region', { name: 'Open' }));
    await snap('tickets-board');
  });

  await step('open the ticket and set its status', async () => {
    await page.getByRole('link', { name: 'Checkout button does nothing on Safari' }).click();
    await visible(page.getByRole('heading', { name: 'Checkout button does nothing on Safari', level: 1 }));
    await page.getByRole('radio', { name: 'In review' }).click();
    await visible(page.getByText('Status set to In review'));
    assert.equal(await page.getByRole('radio', { name: 'In review' }).getAttribute('aria-checked'), 'true');
    await page.reload();
    await visible(page.getByRole('heading', { name: 'Checkout button does nothing on Safari', level: 1 }));
    assert.equal(await page.getByRole('radio', { name: 'In review' }).getAttribute('aria-checked'), 'true');
    await page.waitForFunction(
      (el) => el.complete && el.naturalWidth > 0,
      await page.getByRole('img', { name: 'Screenshot checkout.png' }).elementHandle(),
    );
    await snap('ticket-detail');
  });

  await step('project home shows readiness, numbers and recent tickets', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await visible(page.getByRole('heading', { name: 'Acme Shop', level: 1 }));
    await visible(page.getByText('https://github.com/acme/shop.git (main)'));
    await visible(page.getByRole('link', { name: /Checkout button does nothing on Safari/ }));
    await snap('project-home');
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitemradio', { name: 'Dark' }).click();
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('dark')));
    await snap('project-home-dark');
    await page.reload();
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('dark')), 'dark mode persists');
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitemradio', { name: 'Light' }).click();
  });

  await step('store the secrets the agent and the repository need (values are write-only)', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Secrets' }).click();
    await visible(page.getByRole('heading', { name: 'Secrets', level: 1 }));
    await visible(page.getByText('No platform-wide secrets yet'));
    for (const [name, value] of [
      ['GITHUB_TOKEN', 'ghp_' + 'e2e'.repeat(12)],
      ['ANTHROPIC_API_KEY', 'sk-ant-' + 'k'.repeat(30)],
    ]) {
      await page.getByRole('button', { name: 'New secret' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'New secret' });
      await dialog.getByLabel('Name', { exact: true }).fill(name);
      assert.equal(await dialog.getByLabel('Value', { exact: true }).getAttribute('type'), 'password');
      await dialog.getByLabel('Value', { exact: true }).fill(value);
      await dialog.getByRole('button', { name: 'Create secret' }).click();
      await visible(page.getByText(`${name} created`));
      await dialog.waitFor({ state: 'hidden' });
    }
    const table = page.getByRole('table');
    await visible(table.getByText('ANTHROPIC_API_KEY'));
    assert.equal(await table.getByText('sk-ant-', { exact: false }).count(), 0, 'no value is ever shown');
    await snap('secrets');
  });

  await step('create an agent runner with its key and start it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agent runners' }).click();
    await visible(page.getByText('No agent runners yet'));
    await page.getByRole('link', { name: 'New agent runner' }).first().click();
    await visible(page.getByRole('heading', { name: 'New agent runner', level: 1 }));
    await page.getByRole('button', { name: 'Create agent runner' }).click();
    await visible(page.getByText('Give the runner a name'));
    await field('Name').fill('Claude Code on this machine');
    await field('Description').fill('Runs Claude Code as a local process next to the platform.');
    assert.ok(await page.getByRole('radio', { name: /Claude Code/ }).isChecked(), 'Claude Code is the default agent');
    assert.ok(await page.getByRole('radio', { name: /Local process/ }).isChecked(), 'local is the default place');
    await page.getByRole('checkbox', { name: /ANTHROPIC_API_KEY/ }).check();
    await snap('agent-runner-form', { fullPage: true });
    await page.getByRole('button', { name: 'Create agent runner' }).click();
    await visible(page.getByText('Claude Code on this machine saved and started'));
    await page.waitForURL(`${base}/runners`);
    await visible(page.getByRole('heading', { name: 'Claude Code on this machine' }));
    await visible(page.getByText('Active', { exact: true }));
    await snap('agent-runners');
  });

  await step('the runs page starts empty', async () => {
    await page.goto(`${base}/projects/acme-shop/runs`);
    await visible(page.getByRole('heading', { name: 'Runs', level: 1 }));
    await visible(page.getByText('No runs yet'));
  });

  if (args['repository-url']) {
    let ticketUrl;

    await step('point the project at a repository the worker can reach', async () => {
      const secrets = await (await page.request.get(`${base}/api/secrets`)).json();
      const token = secrets.data.find((secret) => secret.name === 'GITHUB_TOKEN');
      const saved = await page.request.put(`${base}/api/projects/${projectId}/scm-config`, {
        headers: await csrf(),
        data: {
          repositoryUrl: args['repository-url'],
          provider: 'github',
          apiUrl: args['github-api-url'],
          baseBranch: 'main',
          credentialId: token.id,
        },
      });
      assert.equal(saved.status(), 200, await saved.text());
    });

    await step('research: run it on the runner and read the document', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
      await page.getByRole('link', { name: 'Checkout button does nothing on Safari' }).first().click();
      await visible(page.getByRole('heading', { name: 'Checkout button does nothing on Safari', level: 1 }));
      ticketUrl = page.url();
      const phases = page.getByRole('tablist', { name: 'Phases' });
      assert.equal(await phases.getByRole('tab', { name: /Research/ }).getAttribute('aria-selected'), 'true');
      await visible(page.getByText('No research document yet'));
      await page.getByRole('button', { name: 'Run research' }).click();
      const dialog = page.getByRole('dialog', { name: 'Start research' });
      assert.equal(await dialog.getByLabel('Agent runner', { exact: true }).locator('option:checked').textContent(), 'Claude Code on this machine');
      await dialog.getByRole('button', { name: 'Start run' }).click();
      await visible(page.getByText('Research run queued'));
      await visible(page.getByRole('heading', { name: 'Research', level: 1 }), RUN_TIMEOUT);
      await visible(page.getByText('Draft · revision 1'));
    });

    await step('comment on a line of the research, then have the agent revise it', async () => {
      await page.getByRole('tab', { name: /Line comments/ }).click();
      await page.getByRole('button', { name: 'Comment on line 3' }).click();
      const form = page.getByRole('form', { name: 'New comment on line 3' });
      await form.getByLabel('Comment on line 3', { exact: true }).fill('Say which Safari versions are affected.');
      await form.getByRole('button', { name: 'Add comment' }).click();
      await visible(page.getByText('Comment added to line 3'));
      await visible(page.getByRole('article', { name: 'Comment on line 3' }).getByText('Say which Safari versions are affected.'));
      await snap('ticket-line-comments', { fullPage: true });
      await page.getByRole('button', { name: 'Request changes' }).click();
      const dialog = page.getByRole('dialog', { name: 'Request changes to the research' });
      await dialog.getByLabel('What should change?', { exact: true }).fill('Answer the open comment.');
      await dialog.getByRole('button', { name: 'Request changes' }).click();
      await visible(page.getByText('Revision run queued'));
      await visible(page.getByText('Draft · revision 2'), RUN_TIMEOUT);
      await page.getByRole('tab', { name: 'Revisions' }).click();
      await visible(page.getByRole('button', { name: /Revision 2/ }));
      await visible(page.getByRole('region', { name: 'Changes in revision 2' }));
      await snap('ticket-revisions', { fullPage: true });
    });

    await step('approve the research, plan, and approve the plan', async () => {
      await page.getByRole('button', { name: 'Approve research' }).click();
      await page.getByRole('alertdialog', { name: 'Approve the research?' }).getByRole('button', { name: 'Approve & continue' }).click();
      await visible(page.getByText('Research approved: on to planning'));
      const phases = page.getByRole('tablist', { name: 'Phases' });
      await eventually(async () =>
        assert.equal(await phases.getByRole('tab', { name: /Planning/ }).getAttribute('aria-selected'), 'true'),
      );
      await page.getByRole('button', { name: 'Run planning' }).click();
      await page.getByRole('dialog', { name: 'Start planning' }).getByRole('button', { name: 'Start run' }).click();
      await visible(page.getByText('Planning run queued'));
      await visible(page.getByRole('heading', { name: 'Plan', level: 1 }), RUN_TIMEOUT);
      await page.getByRole('button', { name: 'Approve plan' }).click();
      await page.getByRole('alertdialog', { name: 'Approve the plan?' }).getByRole('button', { name: 'Approve plan' }).click();
      await visible(page.getByText('Plan approved: ready to execute'));
      await visible(page.getByText('The plan is approved'));
    });

    await step('execution opens the pull request', async () => {
      await page.getByRole('button', { name: 'Run execution' }).click();
      await page.getByRole('dialog', { name: 'Start execution' }).getByRole('button', { name: 'Start run' }).click();
      await visible(page.getByText('Execution run queued'));
      const link = page.getByRole('link', { name: 'View pull request ↗' });
      await visible(link, RUN_TIMEOUT);
      assert.equal(await link.getAttribute('href'), 'https://github.com/acme/shop/pull/7');
      await visible(page.getByText('Pull request opened', { exact: true }));
      await snap('ticket-execution', { fullPage: true });
    });

    await step('the run page shows its log, progress and result', async () => {
      await page.getByRole('list', { name: 'Execution runs' }).getByRole('link', { name: 'View' }).first().click();
      await page.waitForURL(/\/projects\/acme-shop\/runs\/[0-9a-f-]{36}$/);
      await visible(page.getByText('Completed', { exact: true }).first());
      const log = page.getByRole('log', { name: 'Run logs' });
      await visible(log);
      await eventually(async () => assert.ok((await log.locator('div').count()) > 0, 'the log has lines'));
      await page.getByRole('searchbox', { name: 'Filter log lines' }).fill('zzz-no-such-line');
      await visible(log.getByText('No line matches the filter.'));
      await page.getByRole('searchbox', { name: 'Filter log lines' }).fill('');
      await visible(page.getByRole('link', { name: 'View pull request ↗' }));
      await visible(page.getByRole('heading', { name: 'Model usage' }));
      await snap('run-detail');
      await page.goto(ticketUrl);
      await visible(page.getByRole('heading', { name: 'Checkout button does nothing on Safari', level: 1 }));
    });
  }

  await step('schedule a recurring task with a previewed cron expression', async () => {
    await page.goto(`${base}/projects/acme-shop/schedules`);
    await visible(page.getByRole('heading', { name: 'Schedules', level: 1 }));
    await visible(page.getByText('No schedules yet'));
    await page.getByRole('button', { name: 'New task template' }).click();
    const template = page.getByRole('dialog', { name: 'New task template' });
    await template.getByLabel('Name', { exact: true }).fill('Update dependencies');
    await template.getByLabel('Agent runner', { exact: true }).selectOption({ label: 'Claude Code on this machine' });
    await template.getByLabel('Task instructions', { exact: true }).fill('Update npm dependencies to their latest minor versions and run the tests.');
    await template.getByRole('button', { name: 'Create template' }).click();
    await visible(page.getByText('Template Update dependencies created'));
    await page.getByRole('button', { name: 'New schedule' }).first().click();
    const schedule = page.getByRole('dialog', { name: 'New schedule' });
    await schedule.getByLabel('Name', { exact: true }).fill('Weeknights');
    await schedule.getByRole('radio', { name: 'Cron' }).click();
    await schedule.getByLabel('Cron expression', { exact: true }).fill('0 0 25 * * *');
    await visible(schedule.getByText(/is not a valid cron expression/));
    await schedule.getByLabel('Cron expression', { exact: true }).fill('0 0 3 * * MON-FRI');
    await schedule.getByLabel('Time zone', { exact: true }).fill('Europe/Berlin');
    await eventually(async () =>
      assert.equal(await schedule.getByRole('list', { name: 'Next runs' }).getByRole('listitem').count(), 5),
    );
    await schedule.getByRole('button', { name: 'Create schedule' }).click();
    await visible(page.getByText('Schedule Weeknights created'));
    const card = page.getByRole('listitem', { name: 'Weeknights' });
    await visible(card.getByText('0 0 3 * * MON-FRI (Europe/Berlin)'));
    await visible(card.getByText('Active'));
    await snap('schedules');
  });

  await step('the runner page shows provisioning and health, and edits its AGENTS.md', async () => {
    await page.goto(`${base}/runners`);
    await page.getByRole('link', { name: 'Claude Code on this machine', exact: true }).click();
    await page.waitForURL(`${base}/runners/claude-code-on-this-machine`);
    await visible(page.getByRole('heading', { name: 'Claude Code on this machine', level: 1 }));
    await visible(page.getByRole('heading', { name: 'Provisioning' }));
    await page.getByRole('button', { name: 'Check now' }).click();
    await visible(page.getByRole('status').getByText(/Healthy|Unhealthy/).first());
    await page.getByRole('button', { name: 'New file' }).click();
    const form = page.getByRole('form', { name: 'New instruction file' });
    assert.equal(await form.getByLabel('Path', { exact: true }).inputValue(), 'AGENTS.md');
    await form.getByLabel('Content', { exact: true }).fill('# Working on Acme Shop\n\nRun `npm test` before every commit.\n');
    await form.getByRole('button', { name: 'Create file' }).click();
    await visible(page.getByText('AGENTS.md saved'));
    const editor = page.getByRole('form', { name: 'Edit AGENTS.md' });
    await visible(editor);
    assert.match(await editor.getByLabel('Content', { exact: true }).inputValue(), /Run `npm test`/);
    await snap('agent-runner-detail', { fullPage: true });
  });

  await step('an administrator sets the runner\'s budgets, kept across a reload', async () => {
    await visible(page.getByRole('heading', { name: 'Usage and cost' }));
    const budgets = page.getByRole('form', { name: 'Budgets' });
    await budgets.getByLabel('Per-run budget (USD)').fill('0.001');
    await budgets.getByRole('button', { name: 'Save budgets' }).click();
    await visible(budgets.getByText(/at least 0.01, with at most two decimals/));
    await budgets.getByLabel('Per-run budget (USD)').fill('2.50');
    await budgets.getByLabel('Monthly budget (USD)').fill('40');
    await budgets.getByRole('button', { name: 'Save budgets' }).click();
    await visible(page.getByText('Budgets saved'));
    await page.reload();
    const reloaded = page.getByRole('form', { name: 'Budgets' });
    await visible(reloaded);
    await eventually(async () => assert.equal(await reloaded.getByLabel('Monthly budget (USD)').inputValue(), '40'));
    assert.equal(await reloaded.getByLabel('Per-run budget (USD)').inputValue(), '2.5');
    await visible(reloaded.getByRole('meter', { name: 'Monthly budget used' }));
  });

  await step('connect a custom sender: its webhook takes a signed delivery, refuses a bad body, and redelivers', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations', exact: true }).click();
    await visible(page.getByText('No integrations yet'));
    await page.getByRole('button', { name: 'New integration' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New integration' });
    await dialog.getByLabel('System', { exact: true }).selectOption('custom');
    await dialog.getByLabel('Name', { exact: true }).fill('Status page');
    await dialog.getByRole('button', { name: 'Create integration' }).click();
    await visible(page.getByText('Status page created'));
    await page.getByRole('link', { name: 'Status page', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Status page', level: 1 }));
    await page.getByRole('button', { name: 'Add webhook' }).first().click();
    const add = page.getByRole('dialog', { name: 'Add inbound webhook' });
    await add.getByLabel('Project', { exact: true }).selectOption({ label: 'Acme Shop' });
    await add.getByRole('button', { name: 'Add webhook' }).click();
    const shown = page.getByRole('dialog', { name: 'Configure the provider' });
    const secret = (await shown.getByLabel('Webhook secret', { exact: true }).textContent()).trim();
    assert.ok(secret.length >= 16, 'a generated secret is shown once');
    const webhookUrl = (await shown.getByLabel('Webhook URL', { exact: true }).textContent()).trim();
    const configId = webhookUrl.split('/').pop();
    await shown.getByRole('button', { name: 'Done' }).click();
    await visible(page.getByText('No deliveries yet'));

    const { createHmac } = await import('node:crypto');
    const send = async (body, id) => {
      const text = JSON.stringify(body);
      const signature = 'sha256=' + createHmac('sha256', secret).update(text).digest('hex');
      const response = await fetch(`${base}/api/webhooks/custom/${configId}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Webhook-Signature-256': signature, 'X-Webhook-Delivery-Id': id },
        body: text,
      });
      assert.ok(response.status < 300, `delivery ${id} accepted: ${response.status} ${await response.text()}`);
    };
    await send({ title: 'Status page reports checkout errors', description: 'Error rate above 5 %', severity: 'high' }, 'e2e-1');
    await send({ description: 'A body without a title' }, 'e2e-2');
    const deliveries = page.getByRole('table', { name: 'Deliveries' });
    await eventually(async () => {
      await page.reload();
      await visible(deliveries, 3_000);
      assert.equal(await deliveries.getByText('Processed').count(), 1);
      assert.equal(await deliveries.getByText('Failed').count(), 1);
    }, 60_000);
    await visible(deliveries.getByText('The body has no title at /title'));
    await snap('integration-webhooks', { fullPage: true });
    await page.getByLabel('Status', { exact: true }).selectOption('failed');
    await eventually(async () => assert.equal(await deliveries.getByRole('row').count(), 2));
    await deliveries.getByRole('button', { name: /Redeliver/ }).click();
    await visible(page.getByText('Delivery queued again'));
    await page.goto(`${base}/integrations`);
    await visible(page.getByRole('table', { name: 'Integrations' }).getByText('Custom webhook'));
    // the redelivered failure is processed again in the background: reload until it is back among the failures
    await eventually(async () => {
      await page.reload();
      const activity = page.getByRole('list', { name: 'Webhooks in the last 24 hours' });
      await visible(activity.getByText('1 processed'), 3_000);
      await visible(page.getByRole('list', { name: 'Recent failed deliveries' }).getByText(/The body has no title/).first(), 3_000);
    }, 60_000);
    await snap('integrations');
  });

  await step('the ticket from the webhook is on the board, and the integration is linked to the project', async () => {
    await page.goto(`${base}/projects/acme-shop/tickets`);
    await visible(page.getByText('Status page reports checkout errors').first());
    await page.goto(`${base}/projects/acme-shop/settings`);
    const select = page.getByLabel('Link an integration', { exact: true });
    await eventually(async () => assert.ok((await select.locator('option').count()) > 1 || (await page.getByRole('list', { name: 'Linked integrations' }).count()) > 0));
    if ((await page.getByRole('list', { name: 'Linked integrations' }).getByText('Status page').count()) === 0) {
      await select.selectOption({ label: 'Status page (Custom webhook)' });
      await page.getByRole('button', { name: 'Link', exact: true }).click();
      await visible(page.getByText('Integration linked'));
    }
    await visible(page.getByRole('list', { name: 'Linked integrations' }).getByText('Status page'));
  });

  await step('add a user, and meet the last-administrator rule', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Users', level: 1 }));
    await page.getByRole('button', { name: 'Add user' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByLabel('Name', { exact: true }).fill('Grace Member');
    await dialog.getByLabel('Email', { exact: true }).fill('grace@example.test');
    await dialog.getByLabel('Initial password', { exact: true }).fill('another long password');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await visible(page.getByText('Grace Member added'));
    const table = page.getByRole('table', { name: 'Users' });
    await visible(table.getByText('grace@example.test'));
    await page.getByLabel('Global role of Ada Admin', { exact: true }).selectOption('member');
    await visible(page.locator('p[role=alert]', { hasText: 'At least one active administrator is required' }));
    assert.equal(await page.getByLabel('Global role of Ada Admin', { exact: true }).inputValue(), 'admin');
    await snap('users');
  });

  await step('make the new user an approver of the project', async () => {
    await page.goto(`${base}/projects/acme-shop/settings`);
    const form = page.getByRole('form', { name: 'Add member' });
    await form.getByLabel('Email', { exact: true }).fill('grace@example.test');
    await form.getByLabel('Role', { exact: true }).selectOption('approver');
    await form.getByRole('button', { name: 'Add member' }).click();
    await visible(page.getByText('Grace Member added as approver'));
    assert.equal(await page.getByLabel('Role of Grace Member', { exact: true }).inputValue(), 'approver');
    await snap('project-settings', { fullPage: true });
  });

  await step('create an API token, shown once, that works as a bearer token; then revoke it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens', exact: true }).click();
    await visible(page.getByText('No API tokens yet'));
    await page.getByRole('button', { name: 'New token' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New API token' });
    await dialog.getByLabel('Name', { exact: true }).fill('CI deploy job');
    await dialog.getByLabel('Scope', { exact: true }).selectOption('read');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('dialog', { name: 'Copy your new token' });
    const token = (await shown.getByLabel('New token', { exact: true }).textContent()).trim();
    const me = await fetch(`${base}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200, 'the token signs in');
    assert.equal((await me.json()).scope, 'read');
    await shown.getByRole('button', { name: 'Done' }).click();
    const table = page.getByRole('table', { name: 'API tokens' });
    await visible(table.getByText('CI deploy job'));
    assert.equal(await page.getByText(token).count(), 0, 'the token is not shown again');
    await snap('api-tokens');
    await table.getByRole('button', { name: 'Revoke CI deploy job' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke token' }).click();
    await visible(page.getByText('CI deploy job revoked'));
    const after = await fetch(`${base}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(after.status, 401, 'a revoked token no longer works');
  });

  await step('the audit log lists what happened and its hash chain verifies', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log', exact: true }).click();
    const table = page.getByRole('table', { name: 'Audit events' });
    await visible(table.getByText('user.created').first());
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await visible(page.getByRole('status').getByText(/The chain is intact: \d+ events checked/));
    await snap('audit-log');
  });

  await step('the projects page lists the project', async () => {
    await page.goto(base);
    await visible(page.getByRole('link', { name: /Acme Shop/ }));
    await snap('projects');
  });

  assert.deepEqual(problems, [], 'the browser reported errors');
  console.log(`e2e: all steps passed in ${Date.now() - started} ms`);
} catch (error) {
  console.error(`FAIL ${current}`);
  console.error(error?.stack ?? String(error));
  if (problems.length > 0) {
    console.error(problems.join('\n'));
  }
  try {
    const failure = join(tmpdir(), `vg-e2e-failure-${Date.now()}.png`);
    await page.screenshot({ path: failure, fullPage: true });
    console.error(`screenshot of the failing page: ${failure}`);
  } catch {
    // the browser is gone
  }
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
