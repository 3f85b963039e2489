import { test, expect } from './helpers/fixtures';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers/axe';
import { visit, waitForHydration } from './helpers/navigation';
import { signInAs } from './helpers/sign-in';
import { DEMO_FRAMEWORK_PATH, EDITOR } from './helpers/drafting';

// The demo round holds a small campaign: four support workers sent the same text on
// PS-1, each with their own name and town, grouped as they were saved.
const CAMPAIGN = 'Care Workers Voice network';

async function openAnswerList(page: Page): Promise<void> {
  await signInAs(page, EDITOR);
  await visit(page, `${DEMO_FRAMEWORK_PATH}/rounds`);
  await page.getByRole('link', { name: 'Answer comments in Spring consultation (demo)' }).click();
  await expect(page).toHaveURL(/\/rounds\/\d+\/comments$/);
  await waitForHydration(page);
}

test('paged answer list: an editor filters by statement and words, and the list keeps the filters', async ({ page }) => {
  await openAnswerList(page);
  // Exact progress, counted by the database.
  await expect(page.locator('#progress')).toHaveText(/^[\d,]+ of [\d,]+ answered(; [\d,]+ groups? left)?\.$/);
  await expectNoAxeViolations(page);

  await page.getByLabel('Statement').selectOption('PS-1');
  await page.getByLabel('Words in the comment').fill('care workers voice');
  await page.getByRole('button', { name: 'Show comments' }).click();
  await expect(page).toHaveURL(/statement=PS-1/);
  await expect(page).toHaveURL(/q=care(\+|%20)workers(\+|%20)voice/);
  await waitForHydration(page);
  await expect(page.getByText('Showing 1 comment or group.')).toBeVisible();
  const group = page.locator('li.comment--group');
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('Group of 4 alike comments');
  await expect(group).toContainText('and 3 others said the same');
  // One answer form for the four, and the filters still chosen.
  await expect(group.getByRole('button', { name: /^Save answer for all 4/ })).toHaveCount(1);
  await expect(page.getByLabel('Statement')).toHaveValue('PS-1');
  await expect(page.getByLabel('Words in the comment')).toHaveValue('care workers voice');
  await expectNoAxeViolations(page);
});

test('answer a group: one answer for everyone in it, and a personal line to one person', async ({ page }) => {
  test.setTimeout(90_000);
  await openAnswerList(page);
  const group = page.locator('li.comment--group').filter({ hasText: CAMPAIGN });
  await group.getByRole('link', { name: 'See all 4 comments in this group' }).click();
  await expect(page).toHaveURL(/\/groups\/\d+$/);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Group of 4 alike comments on PS-1');
  await expect(page.locator('ol.comment-list > li.comment')).toHaveCount(4);
  await expectNoAxeViolations(page);

  // A personal line to Ben, saved on its own.
  const ben = page.locator('li.comment').filter({ hasText: 'Ben (demo support worker)' });
  await ben.getByLabel(/^Personal line to this person/).fill('Thank you, Ben. We have asked services in Perth too.');
  await ben.getByRole('button', { name: /^Save personal line/ }).click();
  await expect(page).toHaveURL(/saved=personal-line#comment-\d+$/);
  await waitForHydration(page);
  await expect(page.getByRole('status')).toHaveText('Personal line saved.');
  await expect(page.locator('li.comment').filter({ hasText: 'Ben (demo support worker)' }).getByLabel(/^Personal line to this person/))
    .toHaveValue('Thank you, Ben. We have asked services in Perth too.');

  // Without a reason the answer is refused beside the field, keeping the choice.
  await page.getByLabel('Partly incorporated').check();
  await page.getByRole('button', { name: /^Save answer for all 4/ }).click();
  await waitForHydration(page);
  await expect(page.locator('.error-message').filter({ hasText: 'Explain in plain words what happened and why' })).toBeVisible();
  await expect(page.getByLabel('Partly incorporated')).toBeChecked();
  await expectNoAxeViolations(page);

  await page.getByLabel('Reason, in plain words').fill('We will say plans are reviewed when the person asks.');
  await page.getByRole('button', { name: /^Save answer for all 4/ }).click();
  await expect(page).toHaveURL(/saved=group-answered/);
  await waitForHydration(page);
  await expect(page.getByRole('status')).toContainText('Answer saved for everyone in the group.');
  for (const name of ['Aisha', 'Ben', 'Carla', 'Dev']) {
    await expect(page.locator('li.comment').filter({ hasText: `${name} (demo support worker)` }))
      .toContainText('What we did: Partly incorporated');
  }
  await expect(page.locator('.lead')).toHaveText('0 of 4 not answered yet.');
  await expectNoAxeViolations(page);
});
