import type { Page } from '@playwright/test';
import { test, expect, watchPage } from './helpers/fixtures';
import { closeServerRenderedCopy, expectNoAxeViolations } from './helpers/axe';
import { javaScriptOn, visit, waitForHydration } from './helpers/navigation';
import { signInAs } from './helpers/sign-in';
import { EDITOR, randomLetters, statementPath } from './helpers/drafting';

/** Splits a statement into its words (as separated by spaces) and the final full stop. */
function words(text: string): string[] {
  return text.trim().replace(/\.$/, '').split(' ');
}

function sentence(parts: string[]): string {
  return `${parts.join(' ')}.`;
}

/** The draft number shown on a redraft page: "Current text (draft N)". */
async function currentDraftNumber(page: Page): Promise<number> {
  const heading = page.getByRole('heading', { level: 2, name: /^Current text \(draft \d+\)$/ });
  const match = /draft (\d+)/.exec((await heading.textContent()) ?? '');
  expect(match, 'the "Current text (draft N)" heading').toBeTruthy();
  return Number(match![1]);
}

async function openRedraft(page: Page, reference: string): Promise<void> {
  await visit(page, `${statementPath(reference)}/redraft`);
  await expect(page.getByRole('heading', { level: 1, name: `Redraft ${reference}` })).toBeVisible();
}

/** Saves the redraft form and checks the statement page says so and shows `text`. */
async function saveAndExpect(page: Page, reference: string, text: string, draft: number): Promise<void> {
  await page.getByRole('button', { name: 'Save new draft' }).click();
  await expect(page).toHaveURL(`${statementPath(reference)}?saved=redraft`);
  await waitForHydration(page);
  await expect(page.getByRole('status')).toHaveText('The new draft has been saved.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text);
  await expect(page.getByText(new RegExp(`^Draft ${draft}, last changed on `))).toBeVisible();
}

test('an editor redrafts a statement and sees a word-level preview of the changes', async ({ page }) => {
  await signInAs(page, EDITOR);
  await visit(page, statementPath('WF-2'));
  await page.getByRole('link', { name: 'Redraft this statement' }).click();
  await expect(page).toHaveURL(`${statementPath('WF-2')}/redraft`);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Redraft WF-2' })).toBeVisible();
  const draft = await currentDraftNumber(page);
  const box = page.getByLabel('New text');
  const current = await box.inputValue();
  const preview = page.getByRole('region', { name: 'Preview of changes' });
  await expect(preview).toContainText('No changes yet.');
  await expectNoAxeViolations(page);

  // Replace the last word with a new one.
  const parts = words(current);
  const oldWord = parts[parts.length - 1];
  const newWord = `choose${randomLetters()}`;
  const changed = sentence([...parts.slice(0, -1), newWord]);

  if (javaScriptOn()) {
    // The preview follows typing; nothing needs pressing.
    await box.focus();
    await page.keyboard.press('Control+End');
    for (let i = 0; i < oldWord.length + 1; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type(`${newWord}.`);
    await expect(box).toHaveValue(changed);
  } else {
    await box.fill(changed);
    await expect(preview).toContainText('No changes yet.');
    await page.getByRole('button', { name: 'Preview changes' }).click();
    await expect(page).toHaveURL(`${statementPath('WF-2')}/redraft`);
    await expect(box).toHaveValue(changed);
  }
  await expect(preview).not.toContainText('No changes yet.');
  await expect(preview.locator('del')).toHaveText([`[removed: ${oldWord}]`]);
  await expect(preview.locator('ins')).toHaveText([`[added: ${newWord}]`]);
  await expect(preview.getByRole('listitem').filter({ hasText: 'replaced by' })).toHaveText([
    `'${oldWord}' replaced by '${newWord}'`,
  ]);
  await expectNoAxeViolations(page);

  await page.getByLabel('Why you changed it (optional)').fill('Plainer ending, after comments.');
  await saveAndExpect(page, 'WF-2', changed, draft + 1);
  await expectNoAxeViolations(page);
});

test('an editor whose draft was overtaken by another sees what changed and saves the combined text', async ({ page }) => {
  await signInAs(page, EDITOR);
  // The same editor in a second tab, both starting from the same draft.
  const other = await page.context().newPage();
  const otherWatch = watchPage(other);
  try {
    await openRedraft(page, 'WF-3');
    await openRedraft(other, 'WF-3');
    const draft = await currentDraftNumber(page);
    const base = words(await page.getByLabel('New text').inputValue());

    // First tab: change the second word.
    const firstWord = `feel${randomLetters()}`;
    const first = [...base];
    first[1] = firstWord;
    await page.getByLabel('New text').fill(sentence(first));
    await saveAndExpect(page, 'WF-3', sentence(first), draft + 1);

    // Second tab, still on the old draft: change the last word.
    const lastWord = `choose${randomLetters()}`;
    const second = [...base];
    second[second.length - 1] = lastWord;
    await other.getByLabel('New text').fill(sentence(second));
    const [response] = await Promise.all([
      other.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/WF-3/redraft')),
      other.getByRole('button', { name: 'Save new draft' }).click(),
    ]);
    expect(response.status()).toBe(409);
    await waitForHydration(other);

    const merged = [...base];
    merged[1] = firstWord;
    merged[merged.length - 1] = lastWord;
    await expect(other).toHaveTitle(/^Error: Redraft WF-3/);
    const summary = other.getByRole('alert');
    await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await expect(summary.getByRole('link')).toHaveText([
      /^Someone else saved a new draft while you were working\. Nothing has been lost/,
    ]);
    const meanwhile = other.getByRole('region', { name: 'What changed while you were working' });
    await expect(meanwhile).toBeVisible();
    await expect(meanwhile.locator('ins').first()).toHaveText(`[added: ${firstWord}]`);
    await expect(other.getByRole('heading', { level: 2, name: `Current text (draft ${draft + 1})` })).toBeVisible();
    await expect(other.getByLabel('New text')).toHaveValue(sentence(merged));
    await expectNoAxeViolations(other);

    await saveAndExpect(other, 'WF-3', sentence(merged), draft + 2);
    await expectNoAxeViolations(other);
    expect(otherWatch.errors, 'the second tab reported errors').toEqual([]);
  } finally {
    await closeServerRenderedCopy(other);
    await other.close();
  }
});

test('the history of a statement lists every draft and compares two in the text, side by side and as a list', async ({ page }) => {
  await signInAs(page, EDITOR);
  // Make a change of our own to look at.
  await openRedraft(page, 'WF-1');
  const draft = await currentDraftNumber(page);
  const parts = words(await page.getByLabel('New text').inputValue());
  const oldWord = parts[parts.length - 1];
  const newWord = `purpose${randomLetters()}`;
  const changed = sentence([...parts.slice(0, -1), newWord]);
  await page.getByLabel('New text').fill(changed);
  await page.getByLabel('Why you changed it (optional)').fill(`History check ${newWord}`);
  await saveAndExpect(page, 'WF-1', changed, draft + 1);

  await page.getByRole('link', { name: 'See how this statement has changed' }).click();
  await expect(page).toHaveURL(`${statementPath('WF-1')}/history`);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'How WF-1 has changed' })).toBeVisible();

  // Every draft, newest first, with who, when and why.
  await expect(page.getByRole('heading', { level: 2, name: 'Every draft' })).toBeVisible();
  const timeline = page.locator('ol.timeline > li');
  await expect(timeline).toHaveCount(draft + 1);
  await expect(timeline.first().getByRole('heading', { level: 3 })).toHaveText(`Draft ${draft + 1}`);
  await expect(timeline.first()).toContainText('Priya (demo editor)');
  await expect(timeline.first()).toContainText(`Why: History check ${newWord}`);
  await expect(timeline.last().getByRole('heading', { level: 3 })).toHaveText('Draft 1');

  // The comparison starts at the last change, in the text.
  await expect(page.getByRole('heading', { level: 2, name: 'Compare two drafts' })).toBeVisible();
  await expect(page.getByLabel('From', { exact: true }).locator('option:checked')).toHaveText(new RegExp(`^Draft ${draft} `));
  await expect(page.getByLabel('To', { exact: true }).locator('option:checked')).toHaveText(new RegExp(`^Draft ${draft + 1} `));
  for (const name of ['In the text', 'Side by side', 'As a list']) {
    await expect(page.getByRole('radio', { name })).toBeVisible();
  }
  await expect(page.getByRole('radio', { name: 'In the text' })).toBeChecked();
  const comparison = page.getByRole('region', { name: `Changes from draft ${draft} to draft ${draft + 1}` });
  await expect(comparison.locator('del')).toHaveText([`[removed: ${oldWord}]`]);
  await expect(comparison.locator('ins')).toHaveText([`[added: ${newWord}]`]);
  await expectNoAxeViolations(page);

  await page.getByRole('radio', { name: 'As a list' }).check();
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/\/history\?from=\d+&to=\d+&view=list$/);
  await waitForHydration(page);
  await expect(page.getByRole('radio', { name: 'As a list' })).toBeChecked();
  await expect(comparison.getByRole('listitem')).toHaveText([`'${oldWord}' replaced by '${newWord}'`]);
  await expectNoAxeViolations(page);

  // From the first draft, side by side.
  const fromSelect = page.getByLabel('From', { exact: true });
  await fromSelect.selectOption({ label: (await fromSelect.locator('option').first().textContent()) ?? '' });
  await page.getByRole('radio', { name: 'Side by side' }).check();
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/view=side$/);
  await waitForHydration(page);
  const sideBySide = page.getByRole('region', { name: `Changes from draft 1 to draft ${draft + 1}` });
  await expect(sideBySide.getByRole('heading', { level: 3 })).toHaveText([
    `Changes from draft 1 to draft ${draft + 1}`,
    'Draft 1',
    `Draft ${draft + 1}`,
  ]);
  // Draft 1 is the demo's first wording: any change made since (the demo's own history
  // included) shows here, ending with the word this test added.
  await expect(sideBySide.locator('ins').last()).toContainText(newWord);
  await expectNoAxeViolations(page);
});
