import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, closeServerRenderedCopy } from './axe';
import { watchPage } from './fixtures';
import { anotherPersonsBrowser, visit, waitForHydration } from './navigation';
import { signInAs } from './sign-in';

export const DEMO_FRAMEWORK_PATH = '/frameworks/national-care-service-demo';
export const EDITOR = 'editor@example.org';
export const PARTICIPANT = 'participant@example.org';

/** A statement's page, e.g. `statementPath('CI-2')`. */
export function statementPath(reference: string, framework = DEMO_FRAMEWORK_PATH): string {
  return `${framework}/statements/${reference}`;
}

/** A few random lower-case letters, so repeated runs in one database still make changes. */
export function randomLetters(length = 6): string {
  let letters = '';
  while (letters.length < length) letters += Math.random().toString(36).replace(/[^a-z]/g, '');
  return letters.slice(0, length);
}

/** A date `days` after today (UTC) as a date input takes it: YYYY-MM-DD. */
export function utcDate(days = 0): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** The banner saying a consultation round is open, on a framework, rounds or statement page. */
export function openRoundBanner(page: Page) {
  return page
    .getByRole('region', { name: 'Consultation round' })
    .filter({ hasText: 'is open for comments until' });
}

/**
 * On a framework's rounds page, with an editor signed in: fills in "Open a new round"
 * and presses "Add round". Leaves the page on whatever the server answered.
 */
export async function submitNewRound(
  page: Page,
  round: { title: string; introduction?: string; opens: string; closes: string },
): Promise<void> {
  await expect(page.getByRole('heading', { level: 2, name: 'Open a new round' })).toBeVisible();
  await page.getByLabel('Title', { exact: true }).fill(round.title);
  await page.getByLabel('Introduction (optional)').fill(round.introduction ?? '');
  await page.getByLabel('Opening date').fill(round.opens);
  await page.getByLabel('Closing date').fill(round.closes);
  await page.getByRole('button', { name: 'Add round' }).click();
  await waitForHydration(page);
}

/**
 * Makes sure the demo framework has a consultation round open for comments. If none is
 * open, the demo editor opens one (today to today + 14, UTC) in a browser of their own,
 * through the rounds page as a person would, so `page` and who is signed in there are
 * left alone. Rounds of one framework cannot overlap, so a round opened by an earlier
 * test of this run is simply reused.
 */
export async function ensureOpenRound(page: Page): Promise<void> {
  const context = await anotherPersonsBrowser(page);
  const editor = await context.newPage();
  const watch = watchPage(editor);
  try {
    await visit(editor, DEMO_FRAMEWORK_PATH);
    if (await openRoundBanner(editor).isVisible()) return;

    // Signing the editor in and opening the round is a journey of its own: allow for it.
    test.setTimeout(test.info().timeout + 30_000);
    await signInAs(editor, EDITOR);
    await visit(editor, `${DEMO_FRAMEWORK_PATH}/rounds`);
    await submitNewRound(editor, {
      title: `Spring consultation (e2e ${randomLetters()})`,
      introduction: 'Tell us what these I statements mean to you.',
      opens: utcDate(0),
      closes: utcDate(14),
    });
    await expect(editor.getByRole('status')).toHaveText('The round has been added.');
    await expect(openRoundBanner(editor)).toBeVisible();
    await expectNoAxeViolations(editor);
    expect(watch.errors, 'the editor page reported errors').toEqual([]);
  } finally {
    await closeServerRenderedCopy(editor);
    await context.close();
  }
}
