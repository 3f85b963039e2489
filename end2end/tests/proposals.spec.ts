import type { Locator, Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures';
import { closeServerRenderedCopy, expectNoAxeViolations } from './helpers/axe';
import { tabTo } from './helpers/keyboard';
import { anotherPersonsBrowser, visit, waitForHydration } from './helpers/navigation';
import { openNewestEmailTo, signInAs } from './helpers/sign-in';
import { EDITOR, PARTICIPANT, openRoundBanner, randomLetters, submitNewRound, utcDate } from './helpers/drafting';

const REPRESENTATIVE = 'rep@example.org';
const SAM = 'Sam (demo participant)';

/** Moves focus to `target` with Tab and presses Enter, then waits for the next page. */
async function pressWithKeyboard(page: Page, target: Locator, max = 60): Promise<void> {
  await tabTo(page, target, max);
  await page.keyboard.press('Enter');
  await waitForHydration(page);
}

test('a person proposes a statement, another backs it, an editor adopts it and the proposer is told', async ({ page }) => {
  test.setTimeout(240_000);
  const frameworkTitle = `Proposals trial ${randomLetters(8)}`;
  const roundTitle = `Autumn round ${randomLetters()}`;
  const themeCode = 'GD';
  const themeTitle = 'Gardens and outdoors';
  const words = `I can get to my allotment every week (${randomLetters()}).`;
  const reason = 'Nothing in the standards covered time outdoors.';

  // 1. The editor sets up a framework with one theme and an open round.
  await signInAs(page, EDITOR);
  await visit(page, '/frameworks/new');
  await page.getByLabel('Title', { exact: true }).fill(frameworkTitle);
  await page.getByRole('button', { name: 'Create framework' }).click();
  await expect(page.getByRole('heading', { level: 1, name: frameworkTitle })).toBeVisible();
  await waitForHydration(page);
  const frameworkPath = new URL(page.url()).pathname;
  await visit(page, `${frameworkPath}/edit`);
  await page.getByLabel('Short code').fill(themeCode);
  await page.getByLabel('Theme title', { exact: true }).fill(themeTitle);
  await page.getByRole('button', { name: 'Add theme' }).click();
  await expect(page.getByRole('status')).toHaveText('Theme added.');
  await visit(page, `${frameworkPath}/rounds`);
  await submitNewRound(page, { title: roundTitle, opens: utcDate(0), closes: utcDate(14) });
  await expect(openRoundBanner(page)).toContainText(roundTitle);

  // 2. Sam proposes a statement, by keyboard only, from the link under the theme.
  const participantContext = await anotherPersonsBrowser(page);
  const sam = await participantContext.newPage();
  let proposalPath = '';
  try {
    await signInAs(sam, PARTICIPANT);
    await visit(sam, frameworkPath);
    await expect(sam.getByRole('link', { name: 'Proposed statements (0)' })).toBeVisible();
    await expectNoAxeViolations(sam);
    await pressWithKeyboard(sam, sam.getByRole('link', { name: `Propose a new statement for ${themeTitle}` }));
    await expect(sam).toHaveURL(`${frameworkPath}/propose?theme=${themeCode}`);
    await expect(sam.getByRole('heading', { level: 1, name: 'Propose a new statement' })).toBeVisible();
    await expect(sam.getByLabel('Theme')).toHaveValue(themeCode);
    await expectNoAxeViolations(sam);

    await tabTo(sam, sam.getByLabel('Statement', { exact: true }), 60);
    await sam.keyboard.type(words);
    await tabTo(sam, sam.getByLabel('Why it matters to you (optional)'));
    await sam.keyboard.type('Growing food keeps me well.');
    const lived = sam.getByRole('radio', { name: 'Lived experience' });
    await tabTo(sam, lived);
    await sam.keyboard.press('Space');
    await expect(lived).toBeChecked();
    const named = sam.getByRole('radio', { name: 'Show it with my name' });
    await tabTo(sam, named);
    await sam.keyboard.press('Space');
    await expect(named).toBeChecked();
    await pressWithKeyboard(sam, sam.getByRole('button', { name: 'Send proposal' }));
    await expect(sam).toHaveURL(new RegExp(`${frameworkPath}/proposals/\\d+\\?saved=proposal$`));
    await expect(sam.getByRole('status')).toContainText('Your proposal has been saved.');
    await expect(sam.getByText(words)).toBeVisible();
    await expect(sam.getByText(`Proposed by ${SAM}`)).toBeVisible();
    await expect(sam.getByRole('button', { name: 'This is true for me too' })).toHaveCount(0);
    await expectNoAxeViolations(sam);
    proposalPath = new URL(sam.url()).pathname;

    // Sam proposes a second statement, then thinks better of it and withdraws it.
    const secondThoughts = `I can keep hens (${randomLetters()}).`;
    await visit(sam, `${frameworkPath}/propose?theme=${themeCode}`);
    await sam.getByLabel('Statement', { exact: true }).fill(secondThoughts);
    await sam.getByRole('radio', { name: 'Lived experience' }).check();
    await sam.getByRole('radio', { name: 'Show it with my name' }).check();
    await sam.getByRole('button', { name: 'Send proposal' }).click();
    await expect(sam.getByRole('status')).toContainText('Your proposal has been saved.');
    await waitForHydration(sam);
    await pressWithKeyboard(sam, sam.getByRole('button', { name: 'Withdraw my proposal' }));
    await expect(sam.getByRole('status')).toHaveText('Your proposal has been withdrawn.');
    await expect(sam.getByText('Withdrawn by the person who proposed it.')).toBeVisible();
    await expect(sam.getByText(secondThoughts)).toHaveCount(0);
    await expectNoAxeViolations(sam);
    await visit(sam, frameworkPath);
    await expect(sam.getByRole('link', { name: 'Proposed statements (1)' })).toBeVisible();
  } finally {
    await closeServerRenderedCopy(sam);
    await participantContext.close();
  }

  // 3. The representative backs it.
  const repContext = await anotherPersonsBrowser(page);
  const rep = await repContext.newPage();
  try {
    await signInAs(rep, REPRESENTATIVE);
    await visit(rep, `${frameworkPath}/proposals`);
    await expect(rep.getByRole('heading', { level: 1, name: 'Proposed statements' })).toBeVisible();
    await expectNoAxeViolations(rep);
    await pressWithKeyboard(rep, rep.getByRole('link', { name: words }));
    await expect(rep).toHaveURL(proposalPath);
    await pressWithKeyboard(rep, rep.getByRole('button', { name: 'This is true for me too' }));
    await expect(rep.getByRole('status')).toHaveText('You have said this is true for you too.');
    await expect(rep.getByText('1 person says this is true for them too')).toBeVisible();
    await expectNoAxeViolations(rep);
  } finally {
    await closeServerRenderedCopy(rep);
    await repContext.close();
  }

  // 4. The editor adopts it with a reason; the new statement is Sam's words and says so.
  await visit(page, proposalPath);
  await expect(page.getByRole('heading', { level: 2, name: 'Decide' })).toBeVisible();
  await expectNoAxeViolations(page);
  await tabTo(page, page.getByLabel('Reason for your decision'), 80);
  await page.keyboard.type(reason);
  await pressWithKeyboard(page, page.getByRole('button', { name: 'Adopt as a new statement' }));
  await expect(page.getByRole('status')).toHaveText('The decision has been saved.');
  await expect(page.getByText('Adopted as a new statement').first()).toBeVisible();
  await expect(page.getByText(reason)).toBeVisible();
  await pressWithKeyboard(page, page.getByRole('link', { name: `Read statement ${themeCode}-1` }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(words);
  await expectNoAxeViolations(page);
  await visit(page, `${frameworkPath}/statements/${themeCode}-1/history`);
  await expect(page.getByText(`This statement began as a proposal by ${SAM}`)).toBeVisible();

  // 5. The editor closes the round and publishes; Sam's email says it was adopted.
  await visit(page, `${frameworkPath}/rounds`);
  await page.getByRole('button', { name: `Close this round now (${roundTitle})`, exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('The round has been closed.');
  await visit(page, `${frameworkPath}/publish`);
  await expect(page.getByRole('region', { name: /still needs? a decision$/ })).toHaveCount(0);
  await page.getByLabel('What changed, in one or two sentences').fill('A statement about time outdoors, proposed by a participant.');
  await pressWithKeyboard(page, page.getByRole('button', { name: 'Publish and email contributors' }));
  await expect(page).toHaveURL(`${frameworkPath}/versions/1?published=1`);

  await expect
    .poll(async () => {
      await openNewestEmailTo(page, PARTICIPANT);
      return (await page.getByRole('main').textContent()) ?? '';
    }, { timeout: 20_000 })
    .toContain('What we decided: Adopted as a new statement.');
  await expect(page.getByRole('main')).toContainText(`You proposed: "${words}"`);
  await expect(page.getByRole('main')).toContainText(`Why: ${reason}`);
  await expectNoAxeViolations(page);
});
