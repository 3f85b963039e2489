import { expect, test, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { visit, waitForHydration } from './navigation';

/**
 * Asks for a sign-in link for `email` from the sign-in page and checks the
 * "Check your email" page appears. Each call is one rate-limited sign-in request
 * (5 per address and 30 per client an hour), so tests call it sparingly.
 */
export async function requestSignInLink(page: Page, email: string): Promise<void> {
  await visit(page, '/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await expect(page).toHaveURL(/\/sign-in\/check-email$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await waitForHydration(page);
}

/** Opens the newest email to `email` in the local mailbox (the page is left open). */
export async function openNewestEmailTo(page: Page, email: string): Promise<void> {
  await visit(page, '/dev/mailbox');
  await openNewestEmailFromMailbox(page, email);
}

/** From the mailbox page, opens the newest email to `email`. */
export async function openNewestEmailFromMailbox(page: Page, email: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Local mailbox' })).toBeVisible();
  const message = page.getByRole('listitem').filter({ hasText: email }).first();
  await message.getByRole('link').click();
  await expect(page).toHaveURL(/\/dev\/mailbox\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Links in this email' })).toBeVisible();
  await waitForHydration(page);
}

/** The sign-in link in the email page that is open. */
export async function signInLinkOnEmailPage(page: Page): Promise<string> {
  const link = page.getByRole('link', { name: /\/sign-in\/confirm\?token=/ });
  await expect(link).toHaveCount(1);
  const href = await link.getAttribute('href');
  expect(href).toBeTruthy();
  return href!;
}

/** On the confirm page of a sign-in link, presses "Sign in". */
export async function pressSignIn(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Our Words' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Signs `email` in the way a person does: asks for a link, finds it in the local
 * mailbox, opens it and presses "Sign in". Ends on the account page.
 */
export async function signIn(page: Page, email: string): Promise<void> {
  await requestSignInLink(page, email);
  await openNewestEmailTo(page, email);
  const link = await signInLinkOnEmailPage(page);
  await visit(page, link);
  await pressSignIn(page);
  await expect(page).toHaveURL(/\/account\?signed_in=1$/);
  await expect(page.getByRole('status')).toHaveText('You are signed in.');
  await waitForHydration(page);
}

/**
 * Signs `email` in, reusing the session from an earlier test of this project and run if
 * it is still signed in. Sign-in requests are rate limited (5 per address an hour), so
 * people used by several tests, like the demo admin, sign in once per project and run.
 */
export async function signInAs(page: Page, email: string): Promise<void> {
  const saved = path.join(
    process.env.OUR_WORDS_E2E_DATA_DIR ?? test.info().outputDir,
    `session-${test.info().project.name}-${email}.json`,
  );
  if (fs.existsSync(saved)) {
    await page.context().addCookies(JSON.parse(fs.readFileSync(saved, 'utf8')));
    await visit(page, '/account');
    const stillSignedIn = await page
      .getByRole('main')
      .getByText(email, { exact: true })
      .isVisible();
    if (stillSignedIn) return;
    await page.context().clearCookies();
  }
  await signIn(page, email);
  fs.writeFileSync(saved, JSON.stringify(await page.context().cookies()));
}
