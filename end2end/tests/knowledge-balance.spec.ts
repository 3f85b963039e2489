import type { Locator, Page } from '@playwright/test';
import { test, expect, watchPage } from './helpers/fixtures';
import { closeServerRenderedCopy, expectNoAxeViolations } from './helpers/axe';
import { anotherPersonsBrowser, visit, waitForHydration } from './helpers/navigation';
import { signInAs } from './helpers/sign-in';
import {
  DEMO_FRAMEWORK_PATH,
  EDITOR,
  PARTICIPANT,
  randomLetters,
  submitNewRound,
  utcDate,
} from './helpers/drafting';

const PUBLIC_NOTICE =
  'We have heard less from people with lived experience than we want to. If you draw on care and support, please tell us what you think.';

/** The notice that lived experience is under-heard (a region named by its heading). */
function underHeard(page: Page): Locator {
  return page.getByRole('region', { name: 'Lived experience is under-heard' });
}

/** The cells of the row headed `label` in `table`, as text. */
async function rowOf(table: Locator, label: string): Promise<string[]> {
  const row = table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: label, exact: true }) });
  await expect(row).toHaveCount(1);
  return (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
}

async function follow(page: Page, target: Locator): Promise<void> {
  await target.click();
  await waitForHydration(page);
}

test('a visitor reads the demo round\'s knowledge balance, told in numbers and in words that lived experience is under-heard', async ({ page }) => {
  await visit(page, DEMO_FRAMEWORK_PATH);
  // The framework page says it while the round is open, and leads to the whole balance.
  await expect(underHeard(page)).toContainText(PUBLIC_NOTICE);
  await follow(page, page.getByRole('link', { name: 'See whose knowledge this round has heard' }).first());
  await expect(page.getByRole('heading', { level: 1, name: 'Whose knowledge we have heard' })).toBeVisible();
  await expect(page.getByText('Spring consultation (demo)', { exact: true })).toBeVisible();
  await expect(underHeard(page)).toContainText(PUBLIC_NOTICE);
  await expect(underHeard(page)).toContainText(/You can comment until \d+ \w+ \d{4}\./);

  // The table beside the chart: the four kinds add up to every comment, and to 100%.
  const round = page.getByRole('table', { name: 'Comments in Spring consultation (demo) by kind of knowledge' });
  let count = 0;
  let percent = 0;
  for (const kind of ['Lived experience', 'Practice knowledge', 'Research', "An organisation's position"]) {
    const [comments, share] = await rowOf(round, kind);
    count += Number(comments);
    percent += Number(share.replace('%', ''));
  }
  const [total, whole] = await rowOf(round, 'All comments');
  expect(count).toBe(Number(total));
  expect(percent).toBe(100);
  expect(whole).toBe('100%');
  const [lived] = await rowOf(round, 'Lived experience');
  expect(Number(lived) * 2).toBeLessThan(Number(total));

  // By theme, under-heard is said in words, not colour.
  const themes = page.getByRole('table', { name: /^Comments in each theme/ });
  const wellbeing = await rowOf(themes, 'Wellbeing and fulfilment');
  expect(wellbeing[wellbeing.length - 1]).toBe('Under-heard');
  // The chart is drawn for the eye; screen readers get the tables.
  await expect(page.locator('svg.balance-chart').first()).toHaveAttribute('aria-hidden', 'true');
  await expectNoAxeViolations(page);

  // 320 px wide: the page does not scroll sideways (the tables scroll inside their own box).
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
});

test('an editor sees lived experience under-heard in their round, with what to do, and sets the target', async ({ page }) => {
  test.setTimeout(120_000);
  const frameworkTitle = `Balance trial ${randomLetters(8)}`;
  const roundTitle = `Autumn round ${randomLetters()}`;

  // The editor sets up a framework with one statement and an open round.
  await signInAs(page, EDITOR);
  await visit(page, '/frameworks/new');
  await page.getByLabel('Title', { exact: true }).fill(frameworkTitle);
  await follow(page, page.getByRole('button', { name: 'Create framework' }));
  await expect(page.getByRole('heading', { level: 1, name: frameworkTitle })).toBeVisible();
  const frameworkPath = new URL(page.url()).pathname;
  await visit(page, `${frameworkPath}/edit`);
  await page.getByLabel('Short code').fill('HM');
  await page.getByLabel('Theme title', { exact: true }).fill('Life at home');
  await follow(page, page.getByRole('button', { name: 'Add theme' }));
  await follow(page, page.getByRole('link', { name: 'Add a statement to Life at home' }));
  await page.getByLabel('Statement', { exact: true }).fill('I choose who supports me at home.');
  await follow(page, page.getByRole('button', { name: 'Add statement' }));
  const statementPath = `${frameworkPath}/statements/HM-1`;
  await expect(page).toHaveURL(statementPath);
  await visit(page, `${frameworkPath}/rounds`);
  await submitNewRound(page, { title: roundTitle, opens: utcDate(0), closes: utcDate(14) });
  await expect(page.getByRole('status')).toHaveText('The round has been added.');

  // Nobody has commented: nothing is under-heard yet.
  await follow(page, page.getByRole('link', { name: `Whose knowledge this round has heard (${roundTitle})` }));
  const roundPath = new URL(page.url()).pathname;
  await expect(page.getByText('Nobody has commented in this round yet.')).toBeVisible();
  await expect(underHeard(page)).toHaveCount(0);

  // The participant comments from their work, in a browser of their own.
  const context = await anotherPersonsBrowser(page);
  const participant = await context.newPage();
  const participantWatch = watchPage(participant);
  try {
    await signInAs(participant, PARTICIPANT);
    await visit(participant, `${statementPath}/comment`);
    await participant.getByLabel('Your comment').fill(`Support workers need time to listen (${randomLetters()}).`);
    await participant.getByRole('radio', { name: 'Practice knowledge' }).check();
    await participant.getByRole('radio', { name: 'Show it with my name' }).check();
    await follow(participant, participant.getByRole('button', { name: 'Send comment' }));
    await expect(participant.getByRole('status')).toHaveText('Thank you. Your comment has been saved.');
    // The statement's own balance, on its page, for everyone.
    const mine = participant.getByRole('table', { name: `Comments on this statement in ${roundTitle} by kind of knowledge` });
    expect(await rowOf(mine, 'Practice knowledge')).toEqual(['1', '100%']);
    await expect(participant.getByText('Under-heard: lived experience is below the target of 50% for this statement.')).toBeVisible();
    await visit(participant, roundPath);
    await expect(underHeard(participant)).toContainText(PUBLIC_NOTICE);
    await expect(underHeard(participant)).not.toContainText('There is still time');
    await expectNoAxeViolations(participant);
    expect(participantWatch.errors, 'the participant page reported errors').toEqual([]);
  } finally {
    await closeServerRenderedCopy(participant);
    await context.close();
  }

  // The editor is told what they can still do, and by when.
  await visit(page, roundPath);
  const notice = underHeard(page);
  await expect(notice).toContainText('Only 0% of the 1 comment so far draws on lived experience. The framework\'s target is 50%.');
  await expect(notice).toContainText(/There is still time: the round closes on \d+ \w+ \d{4}\./);
  const round = page.getByRole('table', { name: `Comments in ${roundTitle} by kind of knowledge` });
  expect(await rowOf(round, 'Practice knowledge')).toEqual(['1', '100%']);
  expect(await rowOf(round, 'Lived experience')).toEqual(['0', '0%']);
  const statements = page.getByRole('table', { name: /^Comments on each statement/ });
  await expect(statements.getByRole('row').filter({ hasText: 'HM-1' })).toContainText('Under-heard');
  await expectNoAxeViolations(page);

  // The target is the framework's to set: a bad value is refused beside the field.
  await follow(page, notice.getByRole('link', { name: 'Change the target' }));
  const target = page.getByLabel('Target share of comments from lived experience, in percent');
  await expect(target).toHaveValue('50');
  await target.fill('lots');
  await follow(page, page.getByRole('button', { name: 'Save', exact: true }));
  await expect(page).toHaveTitle(/^Error: /);
  const message = 'Enter the target as a whole number from 0 to 100, like 50';
  await expect(page.getByRole('alert').getByRole('link')).toHaveText([message]);
  await expect(target).toHaveValue('lots');
  await expect(target).toHaveAccessibleDescription(new RegExp(`Error: ${message}$`));
  await expectNoAxeViolations(page);

  await target.fill('0');
  await page.getByLabel('Require an easy read version of every statement before publishing').check();
  await follow(page, page.getByRole('button', { name: 'Save', exact: true }));
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(target).toHaveValue('0');
  await expect(page.getByLabel('Require an easy read version of every statement before publishing')).toBeChecked();

  // With a target of 0%, the same round is no longer under-heard.
  await visit(page, roundPath);
  await expect(underHeard(page)).toHaveCount(0);
  await expect(page.getByText('Lived experience is at or above the target of 0%.')).toBeVisible();
  await expectNoAxeViolations(page);
});
