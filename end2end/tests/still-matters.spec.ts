import { test, expect } from './helpers/fixtures';
import { expectNoAxeViolations } from './helpers/axe';
import { tabTo } from './helpers/keyboard';
import { anotherPersonsBrowser, visit, waitForHydration } from './helpers/navigation';
import { signInAs } from './helpers/sign-in';
import { DEMO_FRAMEWORK_PATH, EDITOR, PARTICIPANT, statementPath } from './helpers/drafting';

// The demo's history: Sam commented on PS-4 in the winter consultation, answered "Noted"
// and published in version 1. The spring consultation is open now.
const EARLIER = 'Last year I told my story to six different people. Nobody wrote it down, so I had to start again each time.';
const ANSWER = 'Thank you. We are asking care services how they share what people tell them, with their consent.';

test('someone who commented in the earlier round sees their comment and its answer and says it still matters, and the editor sees it marked', async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, PARTICIPANT);
  await visit(page, statementPath('PS-4'));
  await tabTo(page, page.getByRole('link', { name: 'Comment on this statement' }), 40);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${statementPath('PS-4')}/comment`);
  await waitForHydration(page);

  // What they said before, on which draft, and the answer it got, before the form.
  const before = page.getByRole('region', { name: 'What you said before' });
  await expect(before).toContainText('In Winter consultation (demo), on draft 2');
  await expect(before).toContainText(EARLIER);
  await expect(before).toContainText('What happened: Noted');
  await expect(before).toContainText(ANSWER);
  await expectNoAxeViolations(page);

  const button = before.getByRole('button', { name: /^This still matters to me/ });
  await tabTo(page, button, 40);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${statementPath('PS-4')}?saved=comment#comments`);
  await waitForHydration(page);
  await expect(page.getByRole('status')).toHaveText('Thank you. Your comment has been saved.');
  // The winter comment is listed too, settled; the new one is Sam's to change.
  const listed = page
    .locator('li.comment')
    .filter({ hasText: EARLIER })
    .filter({ has: page.getByRole('link', { name: 'Change or withdraw your comment' }) });
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('Sam (demo participant)');
  await expect(listed).toContainText('Lived experience');
  await expectNoAxeViolations(page);

  // The comment page now says it is done: no second button in this round.
  await visit(page, `${statementPath('PS-4')}/comment`);
  await expect(page.getByText('You said this still matters in this round.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^This still matters to me/ })).toHaveCount(0);

  // The editor sees it marked, with the earlier answer and a link to the earlier comment.
  const context = await anotherPersonsBrowser(page);
  const editor = await context.newPage();
  try {
    await signInAs(editor, EDITOR);
    await visit(editor, `${DEMO_FRAMEWORK_PATH}/rounds`);
    await tabTo(editor, editor.getByRole('link', { name: 'Answer comments in Spring consultation (demo)' }), 60);
    await editor.keyboard.press('Enter');
    await expect(editor).toHaveURL(/\/rounds\/\d+\/comments$/);
    await waitForHydration(editor);
    const counts = editor.getByRole('region', { name: 'Still matters' });
    await expect(counts).toContainText('PS-4: 1 person said an earlier comment still matters');
    await expect(counts).toContainText('HL-2: 1 person said an earlier comment still matters');
    const marked = editor.locator('li.comment').filter({ hasText: EARLIER });
    await expect(marked).toContainText(`Still matters: first said in Winter consultation (demo), answered ‘Noted: ${ANSWER}’.`);
    await expectNoAxeViolations(editor);
    await tabTo(editor, marked.getByRole('link', { name: 'Read the earlier comment' }), 200);
    await editor.keyboard.press('Enter');
    await expect(editor).toHaveURL(/\/rounds\/\d+\/comments\?statement=[A-Z]+-\d+&comment=(\d+)#comment-\1$/);
    await waitForHydration(editor);
    await expect(editor.getByRole('heading', { level: 1 })).toHaveText('Comments in Winter consultation (demo)');
    await expect(editor.locator('li.comment').filter({ hasText: EARLIER })).toContainText('What we did: Noted');
  } finally {
    await context.close();
  }

  // Sam withdraws it like any comment, which leaves the demo as it was for the next run.
  await visit(page, statementPath('PS-4'));
  await listed.getByRole('link', { name: 'Change or withdraw your comment' }).focus();
  await page.keyboard.press('Enter');
  await waitForHydration(page);
  await tabTo(page, page.getByRole('button', { name: 'Withdraw comment' }), 60);
  await page.keyboard.press('Enter');
  await waitForHydration(page);
  await expect(page.getByRole('status')).toHaveText('Your comment has been withdrawn.');
  await visit(page, `${statementPath('PS-4')}/comment`);
  await expect(page.getByRole('button', { name: /^This still matters to me/ })).toBeVisible();
});
