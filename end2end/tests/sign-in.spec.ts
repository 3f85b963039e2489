import { test, expect, unique } from './helpers/fixtures';
import { expectNoAxeViolations } from './helpers/axe';
import { tabTo } from './helpers/keyboard';
import { visit, waitForHydration } from './helpers/navigation';
import {
  openNewestEmailFromMailbox,
  openNewestEmailTo,
  pressSignIn,
  requestSignInLink,
  signInLinkOnEmailPage,
} from './helpers/sign-in';

test('a person signs in with the link emailed to them, sees their account and signs out', async ({ page }) => {
  const email = unique('e2e-sign-in');

  await visit(page, '/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/sign-in');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await expect(page).toHaveURL('/sign-in/check-email');
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  // Locally, mail is kept on this computer and the page says where to find it.
  await page.getByRole('link', { name: 'Open the local mailbox' }).click();
  await expect(page).toHaveURL('/dev/mailbox');
  await waitForHydration(page);
  await expect(page.getByRole('listitem').filter({ hasText: email })).toHaveCount(1);
  await expectNoAxeViolations(page);

  await openNewestEmailFromMailbox(page, email);
  await expect(page.getByText(email)).toBeVisible();
  await expectNoAxeViolations(page);
  const link = await signInLinkOnEmailPage(page);

  // Opening the link uses nothing up: a mail scanner may have opened it first.
  await visit(page, link);
  await visit(page, link);
  await expectNoAxeViolations(page);
  await pressSignIn(page);

  await expect(page).toHaveURL('/account?signed_in=1');
  await waitForHydration(page);
  await expect(page.getByRole('status')).toHaveText('You are signed in.');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByRole('main').getByText(email)).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByText('Signed in as')).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await nav.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL('/signed-out');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'You have signed out' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Signed out means signed out: the account page now asks to sign in.
  await visit(page, '/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to see this page' })).toBeVisible();
});

test('a sign-in link works only once', async ({ page }) => {
  const email = unique('e2e-once');
  await requestSignInLink(page, email);
  await openNewestEmailTo(page, email);
  const link = await signInLinkOnEmailPage(page);

  await visit(page, link);
  await pressSignIn(page);
  await expect(page.getByRole('status')).toHaveText('You are signed in.');

  await visit(page, link);
  await pressSignIn(page);
  await expect(page.getByRole('heading', { level: 1, name: 'We could not sign you in' })).toBeVisible();
  const problem = page.getByRole('alert');
  await expect(problem.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(problem).toContainText('This sign-in link has already been used.');
  await expect(page.getByRole('link', { name: 'Ask for a new sign-in link' })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);
});

test('an email address that is not valid is explained at the top of the form and what was typed is kept', async ({ page }) => {
  await visit(page, '/sign-in');
  await page.getByLabel('Email address').fill('not-an-email');
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();

  const summary = page.getByRole('alert');
  await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(summary.getByRole('link')).toHaveCount(1);
  const message = (await summary.getByRole('link').innerText()).trim();
  expect(message.length).toBeGreaterThan(0);
  await waitForHydration(page);

  const field = page.getByLabel('Email address');
  await expect(field).toHaveValue('not-an-email');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // The same message sits by the field, where a screen reader reads it with the field.
  await expect(field).toHaveAccessibleDescription(`Error: ${message}`);
  await expect(page).toHaveTitle(/^Error: /);
  // Nothing was sent: the person is still on the sign-in page.
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectNoAxeViolations(page);

  // The summary's link takes the person to the field, ready to type.
  await summary.getByRole('link').click();
  await expect(page).toHaveURL(/#email$/);
  await expect(field).toBeFocused();
});

test('the skip link takes keyboard focus past the header to the main content', async ({ page }) => {
  await visit(page, '/frameworks/national-care-service-demo');
  // The first Tab reaches the skip link; Enter on it moves focus to the main content,
  // so the next Tab lands on the first link inside it, not back in the header.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main-content$/);
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(
    page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Frameworks' }),
  ).toBeFocused();
});

test('with the keyboard alone a person can reach the sign-in form and send it', async ({ page }) => {
  const email = unique('e2e-keyboard');
  await visit(page, '/');

  // Tab to the header's "Sign in" link and follow it with Enter.
  const signInLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' });
  await tabTo(page, signInLink);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/sign-in');
  await waitForHydration(page);

  await tabTo(page, page.getByLabel('Email address'));
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Send me a sign-in link' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/sign-in/check-email');
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
});
