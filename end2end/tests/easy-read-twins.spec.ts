import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures';
import { expectNoAxeViolations, withServerRenderedView } from './helpers/axe';
import { javaScriptOn, visit, waitForHydration } from './helpers/navigation';
import { signInAs } from './helpers/sign-in';
import { DEMO_FRAMEWORK_PATH, EDITOR, randomLetters, statementPath } from './helpers/drafting';

// HL-4 is used by no other browser test, so its easy read version is this file's to change.
const REFERENCE = 'HL-4';

/** The framework page's count of easy read versions that need updating. */
async function needingUpdate(page: Page): Promise<number> {
  await visit(page, DEMO_FRAMEWORK_PATH);
  const overview = page.getByRole('region', { name: 'Easy read versions' });
  const counts = (await overview.locator('#twin-counts').textContent()) ?? '';
  if (counts.startsWith('All ')) return 0;
  const match = /^(\d+) statements? needs? updating\./.exec(counts);
  expect(match, `the count of easy read versions needing an update: "${counts}"`).toBeTruthy();
  return Number(match![1]);
}

function twinPanel(page: Page) {
  return page.getByRole('region', { name: 'Easy read version' });
}

/** Redrafts the main text from the statement page, changing its last word. */
async function redraftMainText(page: Page): Promise<string> {
  await visit(page, statementPath(REFERENCE));
  await page.getByRole('link', { name: 'Redraft this statement' }).click();
  await waitForHydration(page);
  await expect(page.getByText('the easy read version will be marked as needing an update', { exact: false })).toBeVisible();
  const box = page.getByLabel('New text');
  const current = (await box.inputValue()).trim().replace(/\.$/, '');
  const word = `wait${randomLetters()}`;
  const changed = `${current.split(' ').slice(0, -1).join(' ')} ${word}.`;
  await box.fill(changed);
  await page.getByRole('button', { name: 'Save new draft' }).click();
  await expect(page).toHaveURL(`${statementPath(REFERENCE)}?saved=redraft`);
  await waitForHydration(page);
  return word;
}

/** Starts from an easy read version in step with the main text, whatever ran before. */
async function startInStep(page: Page): Promise<void> {
  await visit(page, statementPath(REFERENCE));
  const stillFits = twinPanel(page).getByRole('button', { name: 'It still fits' });
  if (await stillFits.isVisible()) {
    await stillFits.click();
    await waitForHydration(page);
  }
  await expect(twinPanel(page)).toContainText('Easy read version up to date');
}

test('an editor redrafts a statement, sees its easy read version needs updating, and updates it', async ({ page }) => {
  // A long journey across five pages, each checked by axe.
  test.setTimeout(90_000);
  await signInAs(page, EDITOR);
  await startInStep(page);
  const before = await needingUpdate(page);

  const word = await redraftMainText(page);
  const panel = twinPanel(page);
  await expect(panel).toContainText('Easy read version needs updating');
  await expect(panel).toContainText('The main text has changed since the easy read version was written or last checked.');
  await expectNoAxeViolations(page);

  expect(await needingUpdate(page)).toBe(before + 1);
  const listed = page.getByRole('list', { name: 'Easy read version needs updating' });
  await expect(listed.getByRole('link', { name: new RegExp(`^${REFERENCE}`) })).toBeVisible();
  // The statement is marked in words in its theme's list too.
  const inTheme = page.getByRole('region', { name: 'Home and living arrangements' }).getByRole('listitem').filter({ hasText: REFERENCE });
  await expect(inTheme.getByText('Easy read version needs updating')).toBeVisible();
  await expectNoAxeViolations(page);

  await visit(page, statementPath(REFERENCE));
  await twinPanel(page).getByRole('link', { name: 'Update the easy read version' }).click();
  await expect(page).toHaveURL(`${statementPath(REFERENCE)}/easy-read`);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: `Redraft the easy read version of ${REFERENCE}` })).toBeVisible();
  const mainChange = page.getByRole('region', { name: 'How the main text changed since the easy read version was last checked' });
  await expect(mainChange.locator('ins')).toHaveText([`[added: ${word}]`]);
  await expectNoAxeViolations(page);

  const box = page.getByLabel('Easy read text');
  const preview = page.getByRole('region', { name: 'Preview of changes' });
  await expect(preview).toContainText('No changes yet.');
  const added = `I do not ${word}.`;
  const easyRead = `${(await box.inputValue()).trim()}\n${added}\nThree people help me.`;
  await box.fill(easyRead);
  if (!javaScriptOn()) {
    await page.getByRole('button', { name: 'Preview changes' }).click();
    await expect(page).toHaveURL(`${statementPath(REFERENCE)}/easy-read`);
    await expect(box).toHaveValue(easyRead);
  }
  await expect(preview.locator('ins').filter({ hasText: word })).toHaveCount(1);
  // The easy read check flags a number written as a word.
  await expect(preview.getByRole('heading', { name: 'Easy read check' })).toBeVisible();
  await expect(preview.getByText("Write 'three' as the number 3.", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Why you changed it (optional)').fill('Matches the new main text.');
  await page.getByRole('button', { name: 'Save easy read version' }).click();
  await expect(page).toHaveURL(`${statementPath(REFERENCE)}?saved=easy-read`);
  await waitForHydration(page);
  await expect(page.getByRole('status')).toHaveText('The easy read version has been saved.');
  await expect(twinPanel(page)).toContainText('Easy read version up to date');
  await expectNoAxeViolations(page);

  expect(await needingUpdate(page)).toBe(before);
});

test('an editor confirms the easy read version still fits a changed main text', async ({ page }) => {
  await signInAs(page, EDITOR);
  await startInStep(page);
  const before = await needingUpdate(page);

  await redraftMainText(page);
  await expect(twinPanel(page)).toContainText('Easy read version needs updating');
  expect(await needingUpdate(page)).toBe(before + 1);

  await visit(page, statementPath(REFERENCE));
  const stillFits = twinPanel(page).getByRole('button', { name: 'It still fits' });
  await stillFits.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${statementPath(REFERENCE)}?saved=still-fits`);
  await waitForHydration(page);
  await expect(page.getByRole('status')).toHaveText(
    'The easy read version is marked as up to date: it still fits the main text.',
  );
  await expect(twinPanel(page)).toContainText('Easy read version up to date');
  await expectNoAxeViolations(page);
  expect(await needingUpdate(page)).toBe(before);
});

test.describe('on a phone 320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('the easy read page, with its picture, fits the screen without sideways scrolling', async ({ page }) => {
    await signInAs(page, EDITOR);
    // HL-1's easy read version has the demo's picture.
    await visit(page, `${statementPath('HL-1')}/easy-read`);
    await expect(page.getByRole('img', { name: 'A drawing of a small blue house with a red roof.' })).toBeVisible();
    const width = await withServerRenderedView(page, (view) =>
      view.evaluate(() => document.documentElement.scrollWidth),
    );
    expect(width, `page is ${width}px wide in a 320px window`).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(page);
  });
});
