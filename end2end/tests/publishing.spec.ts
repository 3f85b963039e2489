import type { Locator, Page } from '@playwright/test';
import { test, expect, watchPage } from './helpers/fixtures';
import { closeServerRenderedCopy, expectNoAxeViolations, withServerRenderedView } from './helpers/axe';
import { tabTo } from './helpers/keyboard';
import { anotherPersonsBrowser, visit, waitForHydration } from './helpers/navigation';
import { signInAs } from './helpers/sign-in';
import { EDITOR, PARTICIPANT, openRoundBanner, randomLetters, submitNewRound, utcDate } from './helpers/drafting';

const SAM = 'Sam (demo participant)';

/** The value (`<dd>`) next to the term (`<dt>`) `term` in a summary list inside `scope`. */
function summaryValue(scope: Locator, term: string): Locator {
  return scope
    .locator('dl > div')
    .filter({ has: scope.page().locator('dt').getByText(term, { exact: true }) })
    .locator('dd');
}

/** Clicks a link or button that leads to a new page and waits for it to be ready. */
async function follow(page: Page, target: Locator): Promise<void> {
  await target.click();
  await waitForHydration(page);
}

/**
 * For each element `find` finds, whether it is clipped to at most one pixel: there for
 * screen readers, not seen. Measured in what the person sees (the server's HTML without
 * JavaScript, the hydrated page with it).
 */
async function clippedToAPixel(page: Page, find: (view: Page) => Locator): Promise<boolean[]> {
  return withServerRenderedView(page, (view) =>
    find(view).evaluateAll((elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return box.width <= 1 && box.height <= 1;
      }),
    ),
  );
}

test('an editor answers every comment, publishes, and the report and trace show what changed and why', async ({ page }) => {
  // A long journey: two people, a round, answers, publishing and the pages that follow.
  test.setTimeout(180_000);

  const frameworkTitle = `Publishing trial ${randomLetters(8)}`;
  const roundTitle = `Summer round ${randomLetters()}`;
  const themeCode = 'HM';
  const themeTitle = 'Life at home';
  const reference = `${themeCode}-1`;
  const firstText = 'I choose who supports me at home and when they come.';
  const newText = 'I decide who supports me at home and when they come.';
  const askForChange = `Please say decide instead of choose. It is my life (${randomLetters()}).`;
  const justSaying = `This one matters to me. Keep it in the framework (${randomLetters()}).`;
  const changeReason = 'We changed "choose" to "decide", as you asked.';
  const notedReason = 'Thank you. We have kept this statement in the framework.';
  const summaryText = 'One statement now says decide instead of choose.';

  // 1. The editor sets up a framework of its own with one theme, one statement and a round.
  await signInAs(page, EDITOR);
  await visit(page, '/frameworks/new');
  await page.getByLabel('Title', { exact: true }).fill(frameworkTitle);
  await page.getByRole('button', { name: 'Create framework' }).click();
  await expect(page.getByRole('heading', { level: 1, name: frameworkTitle })).toBeVisible();
  await waitForHydration(page);
  const frameworkPath = new URL(page.url()).pathname;
  await expectNoAxeViolations(page);

  await follow(page, page.getByRole('link', { name: 'Edit framework and themes' }));
  await expect(page).toHaveURL(`${frameworkPath}/edit`);
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${frameworkTitle}` })).toBeVisible();
  await page.getByLabel('Short code').fill(themeCode);
  await page.getByLabel('Theme title', { exact: true }).fill(themeTitle);
  await page.getByLabel('What the theme is about (optional)').fill('Support in the place I live.');
  await follow(page, page.getByRole('button', { name: 'Add theme' }));
  await expect(page).toHaveURL(`${frameworkPath}/edit?saved=theme`);
  await expect(page.getByRole('status')).toHaveText('Theme added.');
  await expect(page.getByRole('heading', { level: 3, name: `${themeCode} ${themeTitle}` })).toBeVisible();
  await expectNoAxeViolations(page);

  await follow(page, page.getByRole('link', { name: `Add a statement to ${themeTitle}` }));
  await expect(page).toHaveURL(`${frameworkPath}/themes/${themeCode}/new-statement`);
  await expect(page.getByRole('heading', { level: 1, name: 'New I statement' })).toBeVisible();
  await page.getByLabel('Statement', { exact: true }).fill(firstText);
  await page.getByLabel('Where it came from (optional)').fill('From a workshop with people who get support at home.');
  await follow(page, page.getByRole('button', { name: 'Add statement' }));
  const statementPath = `${frameworkPath}/statements/${reference}`;
  await expect(page).toHaveURL(statementPath);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstText);
  await expectNoAxeViolations(page);

  await visit(page, `${frameworkPath}/rounds`);
  await submitNewRound(page, {
    title: roundTitle,
    introduction: 'Does this statement sound like you?',
    opens: utcDate(0),
    closes: utcDate(14),
  });
  await expect(page).toHaveURL(`${frameworkPath}/rounds?saved=round-added`);
  await expect(page.getByRole('status')).toHaveText('The round has been added.');
  await expect(openRoundBanner(page)).toContainText(roundTitle);
  await expectNoAxeViolations(page);

  // 2. The demo participant, in a browser of their own, comments twice on the statement.
  const context = await anotherPersonsBrowser(page);
  const participant = await context.newPage();
  const participantWatch = watchPage(participant);
  try {
    await signInAs(participant, PARTICIPANT);
    for (const [body, suggestion] of [
      [askForChange, newText],
      [justSaying, ''],
    ]) {
      await visit(participant, statementPath);
      await expect(openRoundBanner(participant)).toContainText(roundTitle);
      await follow(participant, participant.getByRole('link', { name: 'Comment on this statement' }));
      await expect(participant).toHaveURL(`${statementPath}/comment`);
      await participant.getByLabel('Your comment').fill(body);
      await participant.getByLabel('Suggest a new wording (optional)').fill(suggestion);
      await participant.getByRole('radio', { name: 'Lived experience' }).check();
      await participant.getByRole('radio', { name: 'Show it with my name' }).check();
      await expectNoAxeViolations(participant);
      await follow(participant, participant.getByRole('button', { name: 'Send comment' }));
      await expect(participant).toHaveURL(`${statementPath}?saved=comment#comments`);
      await expect(participant.getByRole('status')).toHaveText('Thank you. Your comment has been saved.');
      await expect(participant.locator('li.comment').filter({ hasText: body })).toContainText(SAM);
    }
    await expect(participant.locator('li.comment')).toHaveCount(2);
    await expectNoAxeViolations(participant);
    expect(participantWatch.errors, 'the participant page reported errors').toEqual([]);
  } finally {
    await closeServerRenderedCopy(participant);
    await context.close();
  }

  // 3. The editor closes the round early; publishing is refused while comments are unanswered.
  await visit(page, `${frameworkPath}/rounds`);
  const round = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 2, name: roundTitle }) });
  await follow(page, round.getByRole('button', { name: `Close this round now (${roundTitle})`, exact: true }));
  await expect(page).toHaveURL(`${frameworkPath}/rounds?saved=closed`);
  await expect(page.getByRole('status')).toHaveText('The round has been closed.');
  await expect(round.getByText(/^Closed: /)).toBeVisible();
  await expect(round.getByRole('button', { name: /^Close this round now/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await visit(page, frameworkPath);
  await follow(page, page.getByRole('link', { name: 'Publish a version' }));
  const publishPath = `${frameworkPath}/publish`;
  await expect(page).toHaveURL(publishPath);
  await expect(page.getByRole('heading', { level: 1, name: 'Publish a new version' })).toBeVisible();
  await expect(page.getByText(`This version will answer the comments made in ${roundTitle}.`)).toBeVisible();
  const missing = page.getByRole('region', { name: '2 comments still need an answer' });
  await expect(missing).toBeVisible();
  await expect(missing.getByRole('link')).toHaveCount(2);
  for (const body of [askForChange, justSaying]) {
    await expect(missing.getByRole('link', { name: `${reference}: ${SAM} – “${body}”`, exact: true })).toHaveAttribute(
      'href',
      new RegExp(`^${frameworkPath}/rounds/\\d+/comments\\?statement=${reference}&comment=(\\d+)#comment-\\1$`),
    );
  }
  await expectNoAxeViolations(page);

  const summaryField = page.getByLabel('What changed, in one or two sentences');
  await summaryField.fill(summaryText);
  await follow(page, page.getByRole('button', { name: 'Publish and email contributors' }));
  await expect(page).toHaveURL(publishPath);
  await expect(page).toHaveTitle(/^Error: /);
  const problem = page.getByRole('alert');
  await expect(problem.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(problem.getByRole('link')).toHaveText([
    '2 comments still need an answer. Everyone who commented is owed one before publishing.',
  ]);
  await expect(problem).toBeFocused();
  await expect(summaryField).toHaveValue(summaryText);
  await expect(page.getByRole('region', { name: '2 comments still need an answer' })).toBeVisible();
  await expectNoAxeViolations(page);

  // 4a. The editor redrafts the statement and answers the comment that asked for it.
  await visit(page, statementPath);
  await follow(page, page.getByRole('link', { name: 'Redraft this statement' }));
  await expect(page).toHaveURL(`${statementPath}/redraft`);
  await expect(page.getByRole('heading', { level: 1, name: `Redraft ${reference}` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Current text (draft 1)' })).toBeVisible();
  await page.getByLabel('New text').fill(newText);
  await page.getByLabel('Why you changed it (optional)').fill('Changed after a comment from someone who gets support.');
  const answers = page.getByRole('region', { name: 'Answer comments with this draft' });
  const blockFor = (body: string) => answers.locator('.answer-block').filter({ hasText: body });
  await expect(blockFor(askForChange).getByRole('heading', { level: 3 })).toHaveText(/^Comment \d+ from Sam \(demo participant\)$/);
  for (const body of [askForChange, justSaying]) {
    await expect(blockFor(body).getByRole('radio', { name: 'Answer later' })).toBeChecked();
  }
  await blockFor(askForChange).getByRole('radio', { name: 'Incorporated', exact: true }).check();
  await blockFor(askForChange).getByLabel('Reason, in plain words').fill(changeReason);
  await expectNoAxeViolations(page);
  await follow(page, page.getByRole('button', { name: 'Save new draft' }));
  await expect(page).toHaveURL(`${statementPath}?saved=redraft`);
  await expect(page.getByRole('status')).toHaveText('The new draft has been saved.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(newText);
  const answered = page.locator('li.comment').filter({ hasText: askForChange });
  await expect(answered).toContainText('What the policy team did: Incorporated');
  await expect(answered).toContainText('Acted on in draft 2.');
  await expectNoAxeViolations(page);

  // 4b. The other comment is answered from the round's list, reached from the publish page.
  await visit(page, publishPath);
  const stillMissing = page.getByRole('region', { name: '1 comment still needs an answer' });
  await expect(stillMissing.getByRole('link')).toHaveText([`${reference}: ${SAM} – “${justSaying}”`]);
  await expectNoAxeViolations(page);
  await follow(page, stillMissing.getByRole('link'));
  await expect(page).toHaveURL(new RegExp(`/rounds/\\d+/comments\\?statement=${reference}&comment=(\\d+)#comment-\\1$`));
  const roundCommentsPath = new URL(page.url()).pathname;
  const commentAnchor = new URL(page.url()).hash;
  await expect(page.getByRole('heading', { level: 1, name: `Comments in ${roundTitle}` })).toBeVisible();
  await expect(page.getByText('1 of 2 comments still needs an answer.')).toBeVisible();
  const listed = (body: string) => page.locator('li.comment').filter({ hasText: body });
  await expect(listed(justSaying)).toHaveAttribute('id', commentAnchor.slice(1));
  await expect(listed(askForChange).getByRole('radio', { name: 'Incorporated', exact: true })).toBeChecked();
  await expect(listed(askForChange).getByLabel('Reason, in plain words')).toHaveValue(changeReason);
  await expectNoAxeViolations(page);

  await listed(justSaying).getByRole('radio', { name: 'Noted', exact: true }).check();
  await listed(justSaying).getByLabel('Reason, in plain words').fill(notedReason);
  await follow(
    page,
    listed(justSaying).getByRole('button', { name: `Save answer to the comment on ${reference} by ${SAM}` }),
  );
  await expect(page).toHaveURL(
    `${roundCommentsPath}?statement=${reference}&saved=answer${commentAnchor}`,
  );
  await expect(page.getByRole('status')).toHaveText('Answer saved.');
  await expect(page.getByText('All 2 comments have an answer.')).toBeVisible();
  await expect(listed(justSaying).getByRole('radio', { name: 'Noted', exact: true })).toBeChecked();
  await expect(listed(justSaying).getByLabel('Reason, in plain words')).toHaveValue(notedReason);
  await expectNoAxeViolations(page);

  // 5. Publishing now works, and the report says what happened to each comment.
  await visit(page, publishPath);
  await expect(page.getByRole('region', { name: /still needs? an answer$/ })).toHaveCount(0);
  await page.getByLabel('What changed, in one or two sentences').fill(summaryText);
  await expectNoAxeViolations(page);
  await follow(page, page.getByRole('button', { name: 'Publish and email contributors' }));
  const versionPath = `${frameworkPath}/versions/1`;
  await expect(page).toHaveURL(`${versionPath}?published=1`);
  await expect(page.getByRole('status')).toHaveText('Published. Everyone who commented will be emailed.');
  await expect(page.getByRole('heading', { level: 1, name: `${frameworkTitle}: version 1` })).toBeVisible();
  await expect(page.getByText(summaryText)).toBeVisible();
  const publishedTheme = page.locator('section.theme').filter({ has: page.getByRole('heading', { level: 2, name: themeTitle }) });
  await expect(publishedTheme.getByRole('listitem')).toContainText(newText);
  await expect(publishedTheme.getByRole('link', { name: `Why does it say this? (${reference})` })).toHaveAttribute(
    'href',
    `${versionPath}/statements/${reference}/trace`,
  );
  // The person whose suggestion brought the words in is credited, by the name they chose.
  await expect(publishedTheme.getByText(/^Words from: /)).toHaveText(`Words from: ${SAM}`);
  await expectNoAxeViolations(page);

  await follow(page, page.getByRole('link', { name: 'You said, we did: the report' }));
  await expect(page).toHaveURL(`${versionPath}/report`);
  await expect(page.getByRole('heading', { level: 1, name: 'You said, we did' })).toBeVisible();
  await expect(page.getByText(`What 2 comments changed in version 1 of ${frameworkTitle}.`)).toBeVisible();
  await expect(page.getByText(`This version answers the comments made in ${roundTitle}.`)).toBeVisible();
  const outcomes = page.getByRole('region', { name: 'What happened to the comments' });
  for (const [label, count] of [
    ['Incorporated', '1'],
    ['Partly incorporated', '0'],
    ['Not incorporated', '0'],
    ['Noted', '1'],
  ]) {
    await expect(summaryValue(outcomes, label), `the count of "${label}"`).toHaveText(count);
  }
  const voices = page.getByRole('region', { name: 'Whose knowledge changed the text' });
  await expect(summaryValue(voices, 'Lived experience')).toHaveText('1');

  const reported = page.getByRole('region', { name: `${reference}: ${newText}` });
  await expect(reported).toBeVisible();
  await expect(reported.getByText(/^Words from: /)).toHaveText(`Words from: ${SAM}`);
  // The changed words are said, not only shown by colour and strike-through.
  await expect(reported.locator('del')).toHaveText(['[removed: choose]']);
  await expect(reported.locator('ins')).toHaveText(['[added: decide]']);
  const hiddenWords = (root: Page) =>
    root.getByRole('region', { name: `${reference}: ${newText}` }).locator('ins .visually-hidden, del .visually-hidden');
  await expect(hiddenWords(page)).toHaveText(['[removed:', ']', '[added:', ']']);
  expect(await clippedToAPixel(page, hiddenWords), 'the words "added" and "removed" are for screen readers').toEqual([
    true,
    true,
    true,
    true,
  ]);
  const step = reported
    .locator('ol.timeline > li')
    .filter({ has: page.getByRole('heading', { level: 4, name: /^Draft 2 · / }) });
  await expect(step).toHaveCount(1);
  await expect(step.getByRole('listitem')).toHaveText(["'choose' replaced by 'decide'"]);
  await expect(step).toContainText('Why: Changed after a comment from someone who gets support.');
  await expect(step.getByText(/^Because of: /)).toHaveText(`Because of: the comment by ${SAM}`);
  const reportedChange = reported.locator('li.comment').filter({ hasText: askForChange });
  const reportedNoted = reported.locator('li.comment').filter({ hasText: justSaying });
  const changeAnchor = await reportedChange.getAttribute('id');
  expect(changeAnchor).toMatch(/^comment-\d+$/);
  const because = step.getByRole('link', { name: `the comment by ${SAM}` });
  await expect(because).toHaveAttribute('href', `#${changeAnchor}`);
  await expect(reportedChange).toContainText('What we did: Incorporated');
  await expect(reportedChange).toContainText(changeReason);
  await expect(reportedChange.getByText(/^Where it landed: /)).toHaveText(`Where it landed: draft 2 of ${reference}`);
  const tracePath = `${versionPath}/statements/${reference}/trace`;
  await expect(reportedChange.getByRole('link', { name: `draft 2 of ${reference}` })).toHaveAttribute(
    'href',
    `${tracePath}#draft-2`,
  );
  await expect(reportedNoted).toContainText('What we did: Noted');
  await expect(reportedNoted).toContainText(notedReason);
  await expect(reportedNoted.getByText(/^Where it landed: /)).toHaveCount(0);
  await expectNoAxeViolations(page);

  await because.click();
  await expect(page).toHaveURL(`${versionPath}/report#${changeAnchor}`);
  await expect(reportedChange).toBeInViewport();

  // 6. "Why does it say this?": the changed words lead to the draft that changed them.
  await follow(page, reported.getByRole('link', { name: `Why does it say this? (${reference})` }));
  await expect(page).toHaveURL(tracePath);
  await expect(page.getByRole('heading', { level: 1, name: 'Why does it say this?' })).toBeVisible();
  await expect(page.getByText(`${reference}, version 1`)).toBeVisible();
  await expect(page.getByText(/^Words from: /)).toHaveText(`Words from: ${SAM}`);
  const quote = page.locator('p.statement-quote');
  await expect(quote).toHaveText(new RegExp(`^I\\s*decide\\s*\\(changed in draft 2\\)\\s*who supports me at home and when they come\\.$`));
  const changedWords = quote.getByRole('link', { name: /^decide \(changed in draft 2\)$/ });
  await expect(changedWords).toHaveCount(1);
  await expect(changedWords).toHaveAttribute('href', '#draft-2');
  const draftTwo = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 2, name: 'Draft 2' }) });
  await expect(draftTwo).toHaveAttribute('id', 'draft-2');
  await expectNoAxeViolations(page);

  await tabTo(page, changedWords, 40);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${tracePath}#draft-2`);
  await expect(draftTwo).toBeInViewport();
  await expect(draftTwo).toContainText('Priya (demo editor)');
  await expect(draftTwo).toContainText('It brought in: “decide”');
  await expect(draftTwo.getByRole('heading', { level: 3, name: 'Comments acted on in this draft' })).toBeVisible();
  const acted = draftTwo.locator('li.comment');
  await expect(acted).toHaveCount(1);
  await expect(acted).toContainText(SAM);
  await expect(acted).toContainText(askForChange);
  await expect(acted).toContainText(`Incorporated: ${changeReason}`);
  await expect(acted).toHaveAttribute('id', changeAnchor!);
  await expectNoAxeViolations(page);

  // 7. The email to the participant is sent, and is in the local mailbox.
  await visit(page, versionPath);
  await follow(page, page.getByRole('link', { name: 'Emails to contributors' }));
  const outboxPath = `${versionPath}/outbox`;
  await expect(page).toHaveURL(outboxPath);
  await expect(page.getByRole('heading', { level: 1, name: 'Emails to contributors' })).toBeVisible();
  await expect(async () => {
    await visit(page, outboxPath);
    await expect(page.getByRole('progressbar', { name: '1 of 1 email sent' })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await expect(summaryValue(page.getByRole('main'), 'Sent')).toHaveText('1');
  await expect(summaryValue(page.getByRole('main'), 'Failed')).toHaveText('0');
  await expect(page.getByRole('button', { name: 'Try the failed emails again' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const subject = `What happened to your comments on ${frameworkTitle} (version 1)`;
  await visit(page, '/dev/mailbox');
  const mail = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: subject, exact: true }) });
  await expect(mail).toHaveCount(1);
  await expect(mail).toContainText(PARTICIPANT);
  await follow(page, mail.getByRole('link', { name: subject, exact: true }));
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  const message = page.locator('pre.mail-body');
  await expect(message).toContainText(`Your comment 1 on ${reference}`);
  await expect(message).toContainText(`Your comment 2 on ${reference}`);
  await expect(message).toContainText('What we did: Incorporated.');
  await expect(message).toContainText(`Why: ${changeReason}`);
  await expect(message).toContainText('What we did: Noted.');
  await expect(message).toContainText(`Why: ${notedReason}`);
  await expect(message).toContainText("- 'choose' replaced by 'decide'");
  await expect(message).toContainText(`It now says: "${newText}"`);
  await expect(message).toContainText(`Your words are in ${reference} (version 1).`);
  await expect(page.getByRole('link', { name: new RegExp(`${versionPath}/report$`) })).toHaveCount(1);
  await expectNoAxeViolations(page);

  // 8. The participant's own page says their words are in the version, and leads to it.
  const laterContext = await anotherPersonsBrowser(page);
  const participantAgain = await laterContext.newPage();
  watchPage(participantAgain);
  try {
    await signInAs(participantAgain, PARTICIPANT);
    await visit(participantAgain, '/account/contributions');
    const yourWords = participantAgain
      .getByRole('list', { name: 'Where your words are' })
      .locator(`a[href="${versionPath}"]`);
    await expect(yourWords).toHaveText(`Your words are in ${reference} (version 1)`);
    await expectNoAxeViolations(participantAgain);
    await yourWords.focus();
    await participantAgain.keyboard.press('Enter');
    await expect(participantAgain).toHaveURL(versionPath);
    await expect(participantAgain.getByText(/^Words from: /)).toHaveText(`Words from: ${SAM}`);
  } finally {
    await closeServerRenderedCopy(participantAgain);
    await laterContext.close();
  }
});
