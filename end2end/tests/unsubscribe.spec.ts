import { test, expect } from './helpers/fixtures';
import { expectNoAxeViolations } from './helpers/axe';
import { visit, waitForHydration } from './helpers/navigation';

// The demo's version 1 emailed its contributors when the app started; the outbox worker
// wrote those emails to the local mailbox. Each carries its own unsubscribe link.
const VERSION_ONE = /\(version 1\)$/;

test('an email’s unsubscribe link asks before it stops anything, says so plainly, and can turn emails back on', async ({ page }) => {
  let mailPath = '';
  await expect(async () => {
    await visit(page, '/dev/mailbox');
    const mail = page.getByRole('link', { name: VERSION_ONE }).first();
    await expect(mail).toBeVisible({ timeout: 500 });
    mailPath = (await mail.getAttribute('href')) ?? '';
  }).toPass({ timeout: 30_000 });
  await visit(page, mailPath);
  const link = page.getByRole('link', { name: /\/unsubscribe\// });
  await expect(link).toHaveCount(1);
  const unsubscribe = new URL((await link.getAttribute('href')) ?? '').pathname;

  // Opening the link (as a mail scanner does) only shows the question.
  await visit(page, unsubscribe);
  await expect(page.getByRole('heading', { level: 1, name: 'Stop emails about new versions' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Keyboard only: the button is the first thing to press.
  const stop = page.getByRole('button', { name: 'Stop these emails' });
  await stop.focus();
  await page.keyboard.press('Enter');
  await waitForHydration(page);
  await expect(page).toHaveURL(unsubscribe);
  await expect(page.getByRole('heading', { level: 1, name: 'You have unsubscribed' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(
    'You have unsubscribed. We will not email you when a new version is published.',
  );
  await expectNoAxeViolations(page);

  // Changed their mind: the same page turns the emails back on (and leaves the demo as it was).
  await page.getByRole('button', { name: 'Send me these emails again' }).click();
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Stop emails about new versions' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(
    'You will get emails from Our Words again when a new version is published.',
  );
  await expectNoAxeViolations(page);
});

test('a made-up unsubscribe link says plainly that it does not work', async ({ page }) => {
  const response = await visit(page, '/unsubscribe/u1.not-a-real-signature');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'This unsubscribe link does not work' })).toBeVisible();
  await expect(page.getByText('Nothing has been changed.')).toBeVisible();
  await expectNoAxeViolations(page);
});
