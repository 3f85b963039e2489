import type { Locator, Page } from '@playwright/test';
import { test, expect, watchPage } from './helpers/fixtures';
import { closeServerRenderedCopy, expectNoAxeViolations } from './helpers/axe';
import { anotherPersonsBrowser, visit, waitForHydration } from './helpers/navigation';
import { signInAs } from './helpers/sign-in';
import {
  DEMO_FRAMEWORK_PATH,
  EDITOR,
  PARTICIPANT,
  ensureOpenRound,
  randomLetters,
  statementPath,
} from './helpers/drafting';

// A refused form shows each message beside the field it is about, and the error
// summary's link to it moves focus there: a message beside the wrong field sends
// people to fix the wrong thing. Statements here are ones no other spec comments on.
const COMMENTED = 'HL-2'; // "I decide how my home looks and what happens in it."
const ANSWERED = 'HL-3';

/** The error summary at the top of a refused form. */
function errorSummary(page: Page): Locator {
  return page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
}

/**
 * Checks the summary lists exactly `message`, linking to `#id`, and that following the
 * link (by keyboard, as its users would) puts focus on `target`.
 */
async function summaryLeadsTo(page: Page, message: string, id: string, target: Locator): Promise<void> {
  const summary = errorSummary(page);
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([message]);
  const link = summary.getByRole('link', { name: message });
  await expect(link).toHaveAttribute('href', `#${id}`);
  await expect(target).toHaveAttribute('id', id);
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(target).toBeFocused();
}

/** Opens the comment form of `reference` as the demo participant, with a round open. */
async function openCommentForm(page: Page, reference: string): Promise<void> {
  await ensureOpenRound(page);
  await signInAs(page, PARTICIPANT);
  await visit(page, `${statementPath(reference)}/comment`);
  await expect(page.getByRole('heading', { level: 1, name: 'Comment on this statement' })).toBeVisible();
}

async function sendComment(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send comment' }).click();
  await waitForHydration(page);
}

test('a comment sent without saying what it is based on shows the message beside that choice, not the comment box', async ({ page }) => {
  const comment = `Decorating my own room matters (e2e ${randomLetters()}).`;
  await openCommentForm(page, COMMENTED);
  await page.getByLabel('Your comment').fill(comment);
  await page.getByRole('radio', { name: 'Show it with my name' }).check();
  await sendComment(page);

  await expect(page).toHaveURL(`${statementPath(COMMENTED)}/comment`);
  await expect(page).toHaveTitle(/^Error: /);
  const message = 'Choose what your comment is based on';
  const basedOn = page.getByRole('group', { name: 'What is your comment based on?' });
  await expect(basedOn.locator('.error-message')).toHaveText(`Error: ${message}`);
  // Screen readers hear the message with the question it belongs to.
  await expect(basedOn).toHaveAccessibleDescription(`Error: ${message}`);
  const commentBox = page.getByLabel('Your comment');
  await expect(commentBox).toHaveAccessibleDescription('Say it in your own words. Short or long is fine.');
  await expect(page.locator('.form-group').filter({ has: commentBox })).not.toContainText(message);
  await expect(page.getByRole('group', { name: 'How may we show your comment?' })).not.toContainText(message);
  await expect(commentBox).toHaveValue(comment);
  await expect(page.getByRole('radio', { name: 'Show it with my name' })).toBeChecked();
  await expectNoAxeViolations(page);

  // The summary's link leads to the first choice, GOV.UK style.
  await summaryLeadsTo(page, message, 'knowledge', basedOn.getByRole('radio').first());
});

test('a passage that ends before the word it starts at shows the message beside the word choice', async ({ page }) => {
  const comment = `Only part of this is about me (e2e ${randomLetters()}).`;
  await openCommentForm(page, COMMENTED);
  await page.getByRole('radio', { name: 'Some of its words' }).check();
  const from = page.getByLabel('From the word');
  const to = page.getByLabel('To the word');
  await from.selectOption({ label: '6: looks' });
  await to.selectOption({ label: '2: decide' });
  await page.getByLabel('Your comment').fill(comment);
  await page.getByRole('radio', { name: 'Lived experience' }).check();
  await page.getByRole('radio', { name: 'Show it with my name' }).check();
  await sendComment(page);

  await expect(page).toHaveTitle(/^Error: /);
  const message = 'The passage must end at or after the word it starts at.';
  const about = page.getByRole('group', { name: 'What is your comment about?' });
  await expect(about.locator('.error-message')).toHaveText(`Error: ${message}`);
  const hint = 'If it is about some of the words, choose the first and last word of that part.';
  for (const list of [from, to]) {
    await expect(list).toHaveAccessibleDescription(`${hint} Error: ${message}`);
  }
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  const commentBox = page.getByLabel('Your comment');
  await expect(page.locator('.form-group').filter({ has: commentBox })).not.toContainText(message);
  // What was chosen and typed is all still there.
  await expect(page.getByRole('radio', { name: 'Some of its words' })).toBeChecked();
  await expect(from.locator('option:checked')).toHaveText('6: looks');
  await expect(to.locator('option:checked')).toHaveText('2: decide');
  await expect(commentBox).toHaveValue(comment);
  await expectNoAxeViolations(page);

  await summaryLeadsTo(page, message, 'last_word', to);
});

test("an answer saved with a reason but no outcome shows the message beside that comment's outcome choice", async ({ page }) => {
  const comment = `My home should feel like mine (e2e ${randomLetters()}).`;
  const reason = 'We kept this wording because it already says so.';
  // Two people each sign in (once per project and run): allow for both journeys.
  test.setTimeout(90_000);
  await ensureOpenRound(page);

  // The participant comments, in a browser of their own.
  const context = await anotherPersonsBrowser(page);
  const participant = await context.newPage();
  const participantWatch = watchPage(participant);
  try {
    await openCommentForm(participant, ANSWERED);
    await participant.getByLabel('Your comment').fill(comment);
    await participant.getByRole('radio', { name: 'Lived experience' }).check();
    await participant.getByRole('radio', { name: 'Show it with my name' }).check();
    await sendComment(participant);
    await expect(participant.getByRole('status')).toHaveText('Thank you. Your comment has been saved.');
    expect(participantWatch.errors, 'the participant page reported errors').toEqual([]);
  } finally {
    await closeServerRenderedCopy(participant);
    await context.close();
  }

  // The editor finds it in the open round's list of comments.
  await signInAs(page, EDITOR);
  await visit(page, `${DEMO_FRAMEWORK_PATH}/rounds`);
  const openRound = page.locator('li.card').filter({ has: page.getByText(/^Open now: /) });
  await expect(openRound).toHaveCount(1);
  await openRound.getByRole('link', { name: /^Answer comments/ }).click();
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: /^Comments in / })).toBeVisible();
  const listed = page.locator('li.comment').filter({ hasText: comment });
  await expect(listed).toHaveCount(1);
  const commentId = (await listed.getAttribute('id'))!.replace(/^comment-/, '');

  await listed.getByLabel('Reason, in plain words').fill(reason);
  await listed.getByRole('button', { name: /^Save answer/ }).click();
  await waitForHydration(page);

  await expect(page).toHaveTitle(/^Error: /);
  const message = 'Choose what happened to this comment';
  const refused = page.locator('li.comment').filter({ hasText: comment });
  const outcome = refused.getByRole('group', { name: 'What happened to this comment?' });
  await expect(outcome.locator('.error-message')).toHaveText(`Error: ${message}`);
  await expect(outcome).toHaveAccessibleDescription(`Error: ${message}`);
  const reasonBox = refused.getByLabel('Reason, in plain words');
  await expect(reasonBox).toHaveValue(reason);
  await expect(reasonBox).not.toHaveAttribute('aria-invalid', 'true');
  const reasonGroup = refused.locator('.form-group').filter({ has: page.getByLabel('Reason, in plain words') });
  await expect(reasonGroup).toHaveCount(1);
  await expect(reasonGroup).not.toContainText(message);
  // Only the comment whose answer was refused shows a message.
  await expect(page.locator('li.comment .error-message')).toHaveCount(1);
  await expectNoAxeViolations(page);

  await summaryLeadsTo(page, message, `outcome-${commentId}`, outcome.getByRole('radio').first());
});

test('pages load without errors in the console, the site icon included', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
  });
  for (const path of ['/', DEMO_FRAMEWORK_PATH, statementPath(COMMENTED)]) {
    await visit(page, path);
    await page.waitForLoadState('networkidle');
  }
  expect(problems).toEqual([]);

  // Browsers ask for /favicon.ico whatever a page links to; both icons are served.
  for (const [path, type] of [
    ['/favicon.ico', /^image\/(x-icon|vnd\.microsoft\.icon)/],
    ['/favicon.svg', /^image\/svg\+xml/],
  ] as const) {
    const icon = await page.request.get(path);
    expect(icon.status(), path).toBe(200);
    expect(icon.headers()['content-type'], path).toMatch(type);
  }
});
