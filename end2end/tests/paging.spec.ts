import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures';
import { expectNoAxeViolations } from './helpers/axe';
import { visit, waitForHydration } from './helpers/navigation';
import { signInAs } from './helpers/sign-in';
import { PARTICIPANT, ensureOpenRound, randomLetters, statementPath } from './helpers/drafting';

const PER_PAGE = 50;

/** How many comments the statement page says it has ("Comments (51)"). */
async function commentCount(page: Page): Promise<number> {
  const heading = await page.getByRole('heading', { level: 2, name: /^Comments \(/ }).textContent();
  return Number((heading ?? '').replace(/[^0-9]/g, ''));
}

/**
 * Makes sure `path` has more comments than one page holds, by sending the comment form
 * as the signed-in participant (the form's own fields, posted as a browser would).
 */
async function fillPastOnePage(page: Page, path: string): Promise<number> {
  await visit(page, path);
  let count = await commentCount(page);
  while (count <= PER_PAGE) {
    await visit(page, `${path}/comment`);
    const revision = await page.locator('input[name="revision_id"]').inputValue();
    const key = await page.locator('input[name="submission_key"]').inputValue();
    const origin = new URL(page.url()).origin;
    const sent = await page.request.post(`${path}/comment`, {
      headers: { Origin: origin },
      form: {
        revision_id: revision,
        submission_key: key,
        passage: 'whole',
        body: `Comment ${count + 1} on this statement (e2e ${randomLetters()}).`,
        // Research, so the demo round's lived experience stays under-heard for other journeys.
        knowledge: 'research',
        visibility: 'named',
        action: 'save',
      },
      maxRedirects: 0,
    });
    expect(sent.status(), await sent.text()).toBe(303);
    count += 1;
  }
  return count;
}

test('a reader opens page 2 of a statement’s comments and comes back to page 1', async ({ page }) => {
  const path = statementPath('WF-1');
  await ensureOpenRound(page);
  await signInAs(page, PARTICIPANT);
  const total = await fillPastOnePage(page, path);

  await visit(page, path);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 2, name: `Comments (${total.toLocaleString('en-GB')})` })).toBeVisible();
  await expect(page.getByText(`Showing 1 to ${PER_PAGE} of ${total.toLocaleString('en-GB')} comments.`)).toBeVisible();
  await expect(page.locator('ol.comment-list > li.comment')).toHaveCount(PER_PAGE);
  const pages = page.getByRole('navigation', { name: 'Pages of comments' });
  await expect(pages.getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
  await expectNoAxeViolations(page);

  await pages.getByRole('link', { name: 'Page 2' }).click();
  await expect(page).toHaveURL(`${path}?page=2#comments`);
  await expect(page.getByText(new RegExp(`^Showing ${PER_PAGE + 1} to \\d+ of ${total.toLocaleString('en-GB')} comments\\.$`))).toBeVisible();
  await expect(page.getByText(`Comment ${PER_PAGE + 1}`, { exact: true })).toBeVisible();
  await expect(pages.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
  await expectNoAxeViolations(page);

  await pages.getByRole('link', { name: 'Previous page' }).click();
  await expect(page).toHaveURL(`${path}#comments`);
  await expect(page.getByText(`Comment 1`, { exact: true })).toBeVisible();
});
