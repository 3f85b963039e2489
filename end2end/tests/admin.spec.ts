import { test, expect, unique } from './helpers/fixtures';
import { expectNoAxeViolations } from './helpers/axe';
import { visit, waitForHydration } from './helpers/navigation';
import { signIn, signInAs } from './helpers/sign-in';

test('an admin adds a person and makes them an editor, and that person can then act as an editor', async ({ page }) => {
  const newcomer = unique('e2e-editor');
  await signInAs(page, 'admin@example.org');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Admin' }).click();
  await expect(page).toHaveURL('/admin');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'People' }).click();
  await expect(page).toHaveURL('/admin/people');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'admin@example.org' })).toHaveCount(1);
  await expectNoAxeViolations(page);

  await page.getByLabel('Email address').fill(newcomer);
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page).toHaveURL(/\/admin\/people\/\d+\?saved=added$/);
  await waitForHydration(page);
  await expect(page.getByRole('status')).toHaveText('Person added.');
  await expect(page.getByRole('main').getByText(newcomer).first()).toBeVisible();
  const editor = page.getByRole('checkbox', { name: /^Editor \(policy team\)/ });
  const admin = page.getByRole('checkbox', { name: /^Admin/ });
  await expect(page.getByRole('group', { name: 'What can this person do?' })).toBeVisible();
  await expect(editor).not.toBeChecked();
  await expect(admin).not.toBeChecked();
  await expectNoAxeViolations(page);

  await editor.check();
  await page.getByRole('button', { name: 'Save roles' }).click();
  await expect(page).toHaveURL(/\/admin\/people\/\d+\?saved=roles$/);
  await waitForHydration(page);
  await expect(page.getByRole('status')).toHaveText('Roles saved.');
  await expect(editor).toBeChecked();
  await expect(admin).not.toBeChecked();
  await expectNoAxeViolations(page);

  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'People' }).click();
  await expect(page).toHaveURL('/admin/people');
  await waitForHydration(page);
  const row = page.getByRole('row').filter({ hasText: newcomer });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').nth(2)).toHaveText('Participant, Editor (policy team)');

  // The change is in the audit log, with who made it; the log can show one kind of action.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL('/admin/audit');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const change = page.getByRole('row').filter({ hasText: newcomer }).filter({ hasText: 'Roles changed' });
  await expect(change).toHaveCount(1);
  await expect(change.getByRole('cell').nth(2)).toHaveText('admin@example.org');
  await expect(change.getByRole('cell').nth(4)).toHaveText('From no roles to editor');
  await expectNoAxeViolations(page);
  await page.getByLabel('Show').selectOption({ label: 'Person added' });
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL('/admin/audit?action=person_added');
  await waitForHydration(page);
  await expect(page.getByRole('row').filter({ hasText: newcomer })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: 'Roles changed' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The new editor signs in on another browser and their account says what they can now do.
  await page.context().clearCookies();
  await signIn(page, newcomer);
  await expect(page.getByRole('main').getByText(newcomer)).toBeVisible();
  await expect(page.getByRole('main').getByText('Participant, Editor (policy team)')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);
});

test('an admin who leaves out the email address is told what to fix on the people page', async ({ page }) => {
  await signInAs(page, 'admin@example.org');
  await visit(page, '/admin/people');
  await page.getByRole('button', { name: 'Add person' }).click();
  const summary = page.getByRole('alert');
  await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(summary.getByRole('link')).toHaveCount(1);
  await waitForHydration(page);
  await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);
});

test('someone signed in without the admin role is told they cannot see the admin pages', async ({ page }) => {
  await signInAs(page, 'participant@example.org');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);

  for (const path of ['/admin', '/admin/people']) {
    const response = await visit(page, path);
    expect(response?.status(), `status of ${path}`).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: 'You cannot see this page' })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
    await expectNoAxeViolations(page);
  }
});

test('a visitor who has not signed in is asked to sign in before seeing the admin pages', async ({ page }) => {
  const response = await visit(page, '/admin/people');
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to see this page' })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/sign-in');
  await expectNoAxeViolations(page);
});
