import { test, expect, unique } from './helpers/fixtures';
import { expectNoAxeViolations } from './helpers/axe';
import { anotherPersonsBrowser, visit, waitForHydration } from './helpers/navigation';
import { openNewestEmailTo, pressSignIn, signIn, signInLinkOnEmailPage } from './helpers/sign-in';
import { ensureOpenRound, randomLetters, statementPath } from './helpers/drafting';

test('someone signed out while writing a comment signs in again and finds their words waiting', async ({ page }) => {
  const email = unique('e2e-signed-out-writing');
  const words = `I want to choose when I go to bed (e2e ${randomLetters()}).`;
  const commentPage = `${statementPath('WF-3')}/comment`;

  await ensureOpenRound(page);
  await signIn(page, email);
  await visit(page, commentPage);
  await page.getByLabel('Your comment').fill(words);
  await page.getByRole('radio', { name: 'Lived experience' }).check();
  await page.getByRole('radio', { name: 'Show it without my name' }).check();

  // Meanwhile, on their other device, they sign out everywhere.
  const context = await anotherPersonsBrowser(page);
  const phone = await context.newPage();
  try {
    await signIn(phone, email);
    await phone.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(phone).toHaveURL('/signed-out?everywhere=1');
    await waitForHydration(phone);
    await expect(phone.getByText('You are signed out on every phone, tablet and computer')).toBeVisible();
    await expectNoAxeViolations(phone);
  } finally {
    await context.close();
  }

  // Sending now: nothing is lost; they are asked to sign in.
  await page.getByRole('button', { name: 'Send comment' }).click();
  await expect(page).toHaveURL(/\/sign-in\?held=1&return=/);
  await waitForHydration(page);
  await expect(page.getByRole('status')).toContainText('what you sent has not been saved yet');
  await expectNoAxeViolations(page);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await expect(page).toHaveURL('/sign-in/check-email');
  await openNewestEmailTo(page, email);
  await visit(page, await signInLinkOnEmailPage(page));
  await pressSignIn(page);

  // Back on the form, with their words in it, unsent.
  await expect(page).toHaveURL(commentPage);
  await waitForHydration(page);
  await expect(page.getByLabel('Your comment')).toHaveValue(words);
  await expect(page.getByRole('radio', { name: 'Lived experience' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Show it without my name' })).toBeChecked();
  await expect(page.getByRole('alert')).toContainText('You were signed out before this was sent');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Send comment' }).click();
  await expect(page).toHaveURL(`${statementPath('WF-3')}?saved=comment#comments`);
  await expect(page.locator('li.comment').filter({ hasText: words })).toHaveCount(1);
});
