import { test, expect } from './helpers/fixtures';
import { expectNoAxeViolations } from './helpers/axe';
import { visit, waitForHydration } from './helpers/navigation';
import { signInAs } from './helpers/sign-in';
import {
  DEMO_FRAMEWORK_PATH,
  EDITOR,
  ensureOpenRound,
  openRoundBanner,
  randomLetters,
  submitNewRound,
  utcDate,
} from './helpers/drafting';

test('an editor opens a consultation round and the framework is then open for comments', async ({ page }) => {
  // A framework of its own, so the round can always be opened today whatever else this
  // run has done (rounds of one framework cannot overlap).
  const frameworkTitle = `Round trial ${randomLetters(8)}`;
  await signInAs(page, EDITOR);
  await visit(page, '/frameworks/new');
  await page.getByLabel('Title', { exact: true }).fill(frameworkTitle);
  await page.getByRole('button', { name: 'Create framework' }).click();
  await expect(page.getByRole('heading', { level: 1, name: frameworkTitle })).toBeVisible();
  await waitForHydration(page);
  const frameworkPath = new URL(page.url()).pathname;
  await expect(page.getByText('Comments are closed. No consultation round is planned at the moment.')).toBeVisible();

  await page.getByRole('link', { name: 'Manage rounds' }).click();
  await expect(page).toHaveURL(`${frameworkPath}/rounds`);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Consultation rounds' })).toBeVisible();
  await expect(page.getByText('There have been no rounds yet.')).toBeVisible();
  await expectNoAxeViolations(page);

  const roundTitle = `First round ${randomLetters()}`;
  await submitNewRound(page, {
    title: roundTitle,
    introduction: 'We want to hear whether these statements sound like you.',
    opens: utcDate(0),
    closes: utcDate(14),
  });
  await expect(page).toHaveURL(`${frameworkPath}/rounds?saved=round-added`);
  await expect(page.getByRole('status')).toHaveText('The round has been added.');
  await expect(openRoundBanner(page)).toContainText(roundTitle);
  const listed = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: roundTitle }) });
  await expect(listed).toContainText('We want to hear whether these statements sound like you.');
  await expect(listed.getByRole('button', { name: `Close this round now (${roundTitle})`, exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // A second round over the same days is refused, and what was typed stays in the form.
  await submitNewRound(page, { title: 'Overlapping round', opens: utcDate(1), closes: utcDate(3) });
  const summary = page.getByRole('alert');
  await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(summary.getByRole('link')).toHaveText([
    'These dates overlap another round. Rounds of one framework cannot overlap.',
  ]);
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Overlapping round');
  await expect(page.getByLabel('Opening date')).toHaveValue(utcDate(1));
  await expect(page.getByLabel('Closing date')).toHaveValue(utcDate(3));
  await expectNoAxeViolations(page);

  // Closed by mistake, the round opens again until a new closing day.
  await listed.getByRole('button', { name: `Close this round now (${roundTitle})`, exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('The round has been closed.');
  await waitForHydration(page);
  await listed.getByLabel('Open again until').fill(utcDate(14));
  await listed.getByRole('button', { name: `Open this round again (${roundTitle})`, exact: true }).click();
  await expect(page).toHaveURL(`${frameworkPath}/rounds?saved=reopened`);
  await expect(page.getByRole('status')).toHaveText('The round is open again.');
  await expect(openRoundBanner(page)).toContainText(roundTitle);
  await expectNoAxeViolations(page);

  // The framework page now invites comments.
  await visit(page, frameworkPath);
  await expect(openRoundBanner(page)).toContainText(roundTitle);
  await expectNoAxeViolations(page);
});

test('the demo framework has an open round, shown on its rounds page and its statements', async ({ page }) => {
  await ensureOpenRound(page);
  await visit(page, `${DEMO_FRAMEWORK_PATH}/rounds`);
  await expect(page.getByRole('heading', { level: 1, name: 'Consultation rounds' })).toBeVisible();
  await expect(openRoundBanner(page)).toBeVisible();
  await expect(page.getByText(/^Open now: /)).toHaveCount(1);
  // A visitor who has not signed in is not offered the form.
  await expect(page.getByRole('heading', { name: 'Open a new round' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await visit(page, `${DEMO_FRAMEWORK_PATH}/statements/PS-1`);
  await expect(openRoundBanner(page)).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Sign in to comment' })).toBeVisible();
  await expectNoAxeViolations(page);
});
