import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures';
import { expectNoAxeViolations } from './helpers/axe';
import { tabTo } from './helpers/keyboard';
import { visit, waitForHydration } from './helpers/navigation';
import { signInAs } from './helpers/sign-in';
import {
  DEMO_FRAMEWORK_PATH,
  PARTICIPANT,
  ensureOpenRound,
  randomLetters,
  statementPath,
} from './helpers/drafting';

// A statement no other journey redrafts. The demo gives it an easy read text, then a
// later main draft, so its easy read text is out of step: readers are told so.
const REFERENCE = 'PS-4';
const STANDARD_TEXT = 'I only have to tell my story once, and the people who support me remember it.';
// Two lines in the demo; a page shows them on two lines, read as one run of words.
const EASY_READ_TEXT = 'I tell my story once. I do not have to tell it again.';

/** The reading switch's link, which names the text it gives. */
function switchLink(page: Page, name: 'Easy read' | 'Standard text') {
  return page.getByRole('navigation', { name: 'Choose the text' }).getByRole('link', { name: new RegExp(`^${name}`) });
}

/** Follows the switch link with the keyboard alone and waits for the same page to come back. */
async function switchWithKeyboard(page: Page, name: 'Easy read' | 'Standard text', pathname: string): Promise<void> {
  await tabTo(page, switchLink(page, name), 40);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(pathname);
  await waitForHydration(page);
}

test('a reader switches to easy read, finds it remembered, comments on the easy read text and switches back', async ({ page }) => {
  // Five pages, each checked with axe, and a comment typed by keyboard: a long journey.
  test.slow();
  await ensureOpenRound(page);
  await signInAs(page, PARTICIPANT);
  const statement = statementPath(REFERENCE);

  // Start from the standard text, whatever an earlier run left behind.
  await visit(page, DEMO_FRAMEWORK_PATH);
  const switcher = page.getByRole('navigation', { name: 'Choose the text' });
  if ((await switcher.textContent())?.includes('You are reading the easy read version.')) {
    await switchLink(page, 'Standard text').click();
    await waitForHydration(page);
  }
  await expect(switcher).toContainText('You are reading the standard text.');
  await expect(page.getByText(STANDARD_TEXT)).toBeVisible();

  await switchWithKeyboard(page, 'Easy read', DEMO_FRAMEWORK_PATH);
  await expect(switcher).toContainText('You are reading the easy read version.');
  await expect(page.getByText(EASY_READ_TEXT)).toBeVisible();
  await expectNoAxeViolations(page);

  // Remembered on another page.
  await visit(page, statement);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EASY_READ_TEXT);
  await expect(switcher).toContainText('You are reading the easy read version.');
  await expectNoAxeViolations(page);

  // Comment on the easy read text, by keyboard.
  const comment = `Easy read helps me (e2e ${randomLetters()}).`;
  await tabTo(page, page.getByRole('link', { name: 'Comment on the easy read text' }), 40);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${statement}/comment?text=easy-read`);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Comment on the easy read text' })).toBeVisible();
  await expect(page.getByText('You are commenting on the easy read text:')).toBeVisible();
  // The words to choose a passage from are the easy read words.
  await expect(page.getByLabel('From the word').locator('option')).toHaveText([
    '1: I', '2: tell', '3: my', '4: story', '5: once', '6: I', '7: do', '8: not', '9: have', '10: to',
    '11: tell', '12: it', '13: again',
  ]);
  await expectNoAxeViolations(page);

  await tabTo(page, page.getByLabel('Your comment'), 40);
  await page.keyboard.type(comment);
  const lived = page.getByRole('radio', { name: 'Lived experience' });
  await tabTo(page, lived, 40);
  await page.keyboard.press('Space');
  await expect(lived).toBeChecked();
  const named = page.getByRole('radio', { name: 'Show it with my name' });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(named).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Send comment' }), 40);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(`${statement}?saved=comment#comments`);
  await waitForHydration(page);
  await expect(page.getByRole('status')).toHaveText('Thank you. Your comment has been saved.');
  const listed = page.locator('li.comment').filter({ hasText: comment });
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('Made on the easy read text.');
  await expectNoAxeViolations(page);

  // And back to the standard text, which the comment still says it was not made on.
  await switchWithKeyboard(page, 'Standard text', statement);
  await expect(switcher).toContainText('You are reading the standard text.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(STANDARD_TEXT);
  await expect(page.locator('li.comment').filter({ hasText: comment })).toContainText('Made on the easy read text.');
  await expectNoAxeViolations(page);
});
