import { test, expect } from './helpers/fixtures';
import { expectNoAxeViolations } from './helpers/axe';
import { chooseWordByKeyboard, tabTo } from './helpers/keyboard';
import { anotherPersonsBrowser, javaScriptOn, visit, waitForHydration } from './helpers/navigation';
import { signInAs } from './helpers/sign-in';
import { EDITOR, PARTICIPANT, ensureOpenRound, randomLetters, statementPath } from './helpers/drafting';

const REPRESENTATIVE = 'rep@example.org';

// One journey, run with JavaScript off and on: Sam's comment names a neighbour; Jo
// reports it; the demo editor takes the name out of public view by keyboard; everyone
// else reads "[removed: personal information]"; Sam is told on their contributions page.
// Each run writes its own comment (its own name), so runs never meet.
test('a reported comment is redacted by keyboard, the public reads the reason, and its author is told', async ({ page }) => {
  test.setTimeout(240_000);
  const surname = `Whitfield${randomLetters()}`;
  const run = javaScriptOn() ? 'js' : 'no-js';
  const words = `My neighbour Dana ${surname} has waited a year for help (${run}).`;
  // The run's own comment as the public reads it: the other run's is on the same page.
  const removed = `My neighbour [removed: personal information] has waited a year for help (${run})`;
  const statement = statementPath('CI-3');

  // 1. Sam comments, naming their neighbour.
  await ensureOpenRound(page);
  await signInAs(page, PARTICIPANT);
  await visit(page, `${statement}/comment`);
  await page.getByLabel('Your comment').fill(words);
  await page.getByRole('radio', { name: 'Lived experience' }).check();
  await page.getByRole('radio', { name: 'Show it with my name' }).check();
  await page.getByRole('button', { name: 'Send comment' }).click();
  await expect(page).toHaveURL(`${statement}?saved=comment#comments`);
  await waitForHydration(page);

  const others = await anotherPersonsBrowser(page);
  try {
    // 2. Jo reports it, keyboard only.
    const jo = await others.newPage();
    await signInAs(jo, REPRESENTATIVE);
    await visit(jo, statement);
    const listed = jo.locator('li.comment').filter({ hasText: surname });
    await expect(listed).toHaveCount(1);
    await expect(listed.getByRole('link', { name: /^Report this comment/ })).toBeVisible();
    await tabTo(jo, listed.getByRole('link', { name: /^Report this comment/ }), 400);
    await jo.keyboard.press('Enter');
    await expect(jo).toHaveURL(/\/comments\/\d+\/report$/);
    await waitForHydration(jo);
    await expect(jo.getByRole('heading', { level: 1 })).toHaveText('Report a comment on CI-3');
    await expect(jo.getByRole('main')).toContainText(words);
    await expectNoAxeViolations(jo);
    const personal = jo.getByRole('radio', { name: 'It shares personal information about someone' });
    await tabTo(jo, personal, 40);
    await jo.keyboard.press('Space');
    await expect(personal).toBeChecked();
    await tabTo(jo, jo.getByLabel(/^Anything the moderators should know/), 10);
    await jo.keyboard.type('It names a neighbour.');
    await tabTo(jo, jo.getByRole('button', { name: 'Send report' }), 5);
    await jo.keyboard.press('Enter');
    await expect(jo).toHaveURL(`${statement}?saved=reported#comments`);
    await waitForHydration(jo);
    await expect(jo.getByRole('status')).toHaveText(/^Thank you. Your report has been sent to the moderators/);

    // 3. The editor finds it in the queue, open reports first.
    // The editor in a browser of their own.
    const editorBrowser = await anotherPersonsBrowser(page);
    const editor = await editorBrowser.newPage();
    try {
      await signInAs(editor, EDITOR);
      await visit(editor, '/');
      await tabTo(editor, editor.getByRole('link', { name: 'Reported comments' }), 20);
      await editor.keyboard.press('Enter');
      await expect(editor).toHaveURL('/moderation');
      await waitForHydration(editor);
      await expect(editor.getByRole('heading', { level: 1 })).toHaveText('Reported comments');
      await expect(editor.getByText(/reports? needs? a moderator/)).toBeVisible();
      await expectNoAxeViolations(editor);
      const report = editor.locator('li.comment').filter({ hasText: surname });
      await expect(report).toContainText('Personal information');
      await expect(report).toContainText('It names a neighbour.');
      await expect(report).toContainText('Open');
      await tabTo(editor, report.getByRole('link', { name: /^Look at this comment/ }), 200);
      await editor.keyboard.press('Enter');
      await expect(editor).toHaveURL(/\/moderation\/comments\/\d+$/);
      await waitForHydration(editor);
      await expectNoAxeViolations(editor);

      // 4. Redact "Dana <surname>" by first and last word, keyboard only.
      const part = editor.getByRole('radio', { name: 'Some of its words' });
      await tabTo(editor, part, 60);
      await editor.keyboard.press('Space');
      await expect(part).toBeChecked();
      const from = editor.getByLabel('From the word');
      const to = editor.getByLabel('To the word');
      await editor.keyboard.press('Tab');
      await chooseWordByKeyboard(editor, from, 'Dana');
      await editor.keyboard.press('Tab');
      await chooseWordByKeyboard(editor, to, surname);
      const reason = editor.getByRole('radio', { name: /^Personal information/ });
      await tabTo(editor, reason, 10);
      await editor.keyboard.press('Space');
      await expect(reason).toBeChecked();
      await tabTo(editor, editor.getByRole('button', { name: 'Take out of public view' }), 10);
      await editor.keyboard.press('Enter');
      await expect(editor).toHaveURL(/\/moderation\/comments\/\d+\?saved=moderated$/);
      await waitForHydration(editor);
      await expect(editor.getByRole('status')).toHaveText("Done. The comment's author will be told by email.");
      await expect(editor.getByRole('main')).toContainText('Some words removed from public view: personal information');
      await expect(editor.getByRole('main')).toContainText(`took out “Dana ${surname}”`);
      await expectNoAxeViolations(editor);
    } finally {
      await editorBrowser.close();
    }

    // 5. Everyone else reads the reason in place of the name.
    await visit(jo, statement);
    const redacted = jo.locator('li.comment').filter({ hasText: removed });
    await expect(redacted).toHaveCount(1);
    await expect(jo.getByRole('main')).not.toContainText(surname);
  } finally {
    await others.close();
  }

  // 6. Sam is told on their contributions page, and still reads their own words.
  await visit(page, '/account/contributions');
  const mine = page.locator('li.comment').filter({ hasText: surname });
  await expect(mine).toContainText('Your comment was changed');
  await expect(mine).toContainText('A moderator removed some words of your comment from public view.');
  await expect(mine).toContainText('Why: Personal information.');
  await expect(mine).toContainText(removed);
  await expect(mine).toContainText(words);
  await expectNoAxeViolations(page);
});
