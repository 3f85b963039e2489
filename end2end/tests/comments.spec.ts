import { test, expect } from './helpers/fixtures';
import { expectNoAxeViolations } from './helpers/axe';
import { chooseWordByKeyboard, tabTo } from './helpers/keyboard';
import { javaScriptOn, visit, waitForHydration } from './helpers/navigation';
import { signInAs } from './helpers/sign-in';
import { PARTICIPANT, ensureOpenRound, randomLetters, statementPath } from './helpers/drafting';

test('a participant comments on some of the words of a statement using only the keyboard', async ({ page }) => {
  // Each project comments on different words of CI-2, so each finds its own passage marked.
  const [first, last] = javaScriptOn() ? ['with', 'support'] : ['get', 'about'];
  const passage = javaScriptOn() ? 'with support' : 'get out and about';
  const comment = `Getting out matters to me (e2e ${randomLetters()}).`;

  await ensureOpenRound(page);
  await signInAs(page, PARTICIPANT);
  await visit(page, statementPath('CI-2'));
  await expectNoAxeViolations(page);

  await tabTo(page, page.getByRole('link', { name: 'Comment on this statement' }), 40);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${statementPath('CI-2')}/comment`);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Comment on this statement' })).toBeVisible();
  await expectNoAxeViolations(page);

  // "What is your comment about?": from the whole statement to some of its words.
  const whole = page.getByRole('radio', { name: 'The whole statement' });
  const part = page.getByRole('radio', { name: 'Some of its words' });
  await expect(whole).toBeChecked();
  await tabTo(page, whole, 40);
  await page.keyboard.press('ArrowDown');
  await expect(part).toBeFocused();
  await expect(part).toBeChecked();

  const from = page.getByLabel('From the word');
  const to = page.getByLabel('To the word');
  await page.keyboard.press('Tab');
  await chooseWordByKeyboard(page, from, first);
  await page.keyboard.press('Tab');
  await chooseWordByKeyboard(page, to, last);

  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Your comment')).toBeFocused();
  await page.keyboard.type(comment);

  // Leave the suggested wording empty; move on to the kinds of knowledge.
  const lived = page.getByRole('radio', { name: 'Lived experience' });
  await tabTo(page, lived);
  await page.keyboard.press('Space');
  await expect(lived).toBeChecked();
  const named = page.getByRole('radio', { name: 'Show it with my name' });
  await page.keyboard.press('Tab');
  await expect(named).toBeFocused();
  await page.keyboard.press('Space');
  await expect(named).toBeChecked();

  await tabTo(page, page.getByRole('button', { name: 'Send comment' }));
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(`${statementPath('CI-2')}?saved=comment#comments`);
  await waitForHydration(page);
  await expect(page.getByRole('status')).toHaveText('Thank you. Your comment has been saved.');
  const listed = page.locator('li.comment').filter({ hasText: comment });
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('Sam (demo participant)');
  await expect(listed).toContainText('Lived experience');
  await expect(listed.locator('blockquote')).toHaveText(`About the words: “${passage}”`);

  // The chosen words are marked in the statement and the mark leads to the comment.
  const id = await listed.getAttribute('id');
  const mark = page.getByRole('heading', { level: 1 }).locator('mark').filter({ hasText: passage });
  await expect(mark).toHaveCount(1);
  await expect(mark.getByRole('link')).toHaveAttribute('href', `#${id}`);
  await expectNoAxeViolations(page);
});

test('a comment sent without any text is refused with a message, keeping what was typed', async ({ page }) => {
  const suggestion = `I can take part in my community in ways I choose ${randomLetters()}.`;
  await ensureOpenRound(page);
  await signInAs(page, PARTICIPANT);
  await visit(page, `${statementPath('CI-3')}/comment`);
  await expect(page.getByRole('heading', { level: 1, name: 'Comment on this statement' })).toBeVisible();

  await page.getByLabel('Suggest a new wording (optional)').fill(suggestion);
  await page.getByRole('radio', { name: 'Practice knowledge' }).check();
  await page.getByRole('radio', { name: 'Show it without my name' }).check();
  await page.getByRole('button', { name: 'Send comment' }).click();
  await waitForHydration(page);

  await expect(page).toHaveURL(`${statementPath('CI-3')}/comment`);
  await expect(page).toHaveTitle(/^Error: /);
  const summary = page.getByRole('alert');
  await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(summary.getByRole('link')).toHaveText(['Enter your comment']);
  // The summary takes focus, so a screen reader reads it first.
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Enter your comment' })).toHaveAttribute('href', '#body');
  await expect(page.getByLabel('Suggest a new wording (optional)')).toHaveValue(suggestion);
  await expect(page.getByRole('radio', { name: 'Practice knowledge' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Show it without my name' })).toBeChecked();
  await expectNoAxeViolations(page);

  // Writing the comment then sends it.
  const comment = `Community groups need to be easy to reach (e2e ${randomLetters()}).`;
  await page.getByLabel('Your comment').fill(comment);
  await page.getByRole('button', { name: 'Send comment' }).click();
  await expect(page).toHaveURL(`${statementPath('CI-3')}?saved=comment#comments`);
  await waitForHydration(page);
  await expect(page.getByRole('status')).toHaveText('Thank you. Your comment has been saved.');
  const listed = page.locator('li.comment').filter({ hasText: comment });
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText(suggestion);
  await expect(listed).not.toContainText('Sam (demo participant)');
  await expectNoAxeViolations(page);
});
