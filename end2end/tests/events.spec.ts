import type { Locator, Page } from '@playwright/test';
import { test, expect, unique } from './helpers/fixtures';
import { expectNoAxeViolations } from './helpers/axe';
import { tabTo } from './helpers/keyboard';
import { anotherPersonsBrowser, visit, waitForHydration } from './helpers/navigation';
import { signIn, signInAs } from './helpers/sign-in';
import { EDITOR, randomLetters, submitNewRound, utcDate } from './helpers/drafting';

/** Clicks a link or button that leads to a new page and waits for it to be ready. */
async function follow(page: Page, target: Locator): Promise<void> {
  await target.click();
  await waitForHydration(page);
}

/** Reaches a button by Tab alone and presses it with Enter, as a keyboard user would. */
async function pressByKeyboard(page: Page, button: Locator): Promise<void> {
  await button.scrollIntoViewIfNeeded();
  await page.getByRole('main').locator('h1').click();
  await tabTo(page, button, 200);
  await page.keyboard.press('Enter');
  await waitForHydration(page);
}

test('a facilitator records an event, the editor answers and publishes, and the facilitator prints the letters', async ({ page }) => {
  test.setTimeout(240_000);
  const facilitator = unique('e2e-facilitator');
  const frameworkTitle = `Events trial ${randomLetters(8)}`;
  const roundTitle = `Autumn round ${randomLetters()}`;
  const statementText = 'I see the people who matter to me when I choose.';
  const eventName = `the Perth workshop ${randomLetters()}`;
  const personSaid = `I need the bus to run on Sundays (${randomLetters()}).`;
  const groupSaid = `Friends matter as much as family (${randomLetters()}).`;
  const suggested = `I can get there on Sundays (${randomLetters()}).`;

  // 1. The editor sets up a framework with one statement and an open round.
  await signInAs(page, EDITOR);
  await visit(page, '/frameworks/new');
  await page.getByLabel('Title', { exact: true }).fill(frameworkTitle);
  await follow(page, page.getByRole('button', { name: 'Create framework' }));
  const frameworkPath = new URL(page.url()).pathname;
  await visit(page, `${frameworkPath}/edit`);
  await page.getByLabel('Short code').fill('FR');
  await page.getByLabel('Theme title', { exact: true }).fill('Friends and family');
  await follow(page, page.getByRole('button', { name: 'Add theme' }));
  await visit(page, `${frameworkPath}/themes/FR/new-statement`);
  await page.getByLabel('Statement', { exact: true }).fill(statementText);
  await follow(page, page.getByRole('button', { name: 'Add statement' }));
  await visit(page, `${frameworkPath}/rounds`);
  await submitNewRound(page, { title: roundTitle, opens: utcDate(0), closes: utcDate(14) });

  // 2. The admin makes a new person a facilitator.
  const adminContext = await anotherPersonsBrowser(page);
  const admin = await adminContext.newPage();
  try {
    await signInAs(admin, 'admin@example.org');
    await visit(admin, '/admin/people');
    await admin.getByLabel('Email address').fill(facilitator);
    await follow(admin, admin.getByRole('button', { name: 'Add person' }));
    await admin.getByRole('checkbox', { name: /^Facilitator/ }).check();
    await follow(admin, admin.getByRole('button', { name: 'Save roles' }));
    await expect(admin.getByRole('status')).toHaveText('Roles saved.');
    await expect(admin.getByRole('checkbox', { name: /^Facilitator/ })).toBeChecked();
    await expectNoAxeViolations(admin);
  } finally {
    await adminContext.close();
  }

  // 3. The facilitator records the event, one person's comment and a group view.
  const context = await anotherPersonsBrowser(page);
  const them = await context.newPage();
  try {
    await signIn(them, facilitator);
    await follow(them, them.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your events' }));
    await expect(them.getByRole('heading', { level: 1, name: 'Your events' })).toBeVisible();
    await expectNoAxeViolations(them);
    await them.getByLabel('Which standards was it about?').selectOption({ label: `${frameworkTitle} (${roundTitle})` });
    await them.getByLabel('Name of the event').fill(eventName);
    await them.getByLabel('Day it was held').fill('2026-03-03');
    await them.getByLabel('Place (optional)').fill('Perth');
    await them.getByRole('checkbox', { name: 'In person' }).check();
    await them.getByLabel('How many people took part? (optional)').fill('12');
    await pressByKeyboard(them, them.getByRole('button', { name: 'Record event' }));
    await expect(them).toHaveURL(/\/events\/\d+\?saved=event#record$/);
    await expect(them.getByRole('status')).toHaveText('The event has been recorded. Now record what people said there.');
    const eventPath = new URL(them.url()).pathname;
    await expectNoAxeViolations(them);

    // Post was chosen without an address: the message is beside the field, nothing lost.
    await them.getByRole('radio', { name: "One person's" }).check();
    await them.getByLabel('What they said').fill(personSaid);
    await them.getByRole('radio', { name: 'Lived experience' }).check();
    await them.getByLabel('Their name (optional)').fill('Pat');
    await them.getByRole('radio', { name: 'Show it with my name' }).check();
    await them.getByRole('radio', { name: 'By post' }).check();
    await pressByKeyboard(them, them.getByRole('button', { name: 'Record it' }));
    await expect(them.getByRole('alert')).toContainText('Enter their postal address');
    await expect(them.getByLabel('What they said')).toHaveValue(personSaid);
    await expectNoAxeViolations(them);
    await them.getByLabel('Their postal address (if by post)').fill('Pat Example\n2 Bridge Street\nPerth PH1 1AA');
    await pressByKeyboard(them, them.getByRole('button', { name: 'Record it' }));
    await expect(them.getByRole('status')).toHaveText('Recorded. It is now with the policy team, like any other comment.');

    await them.getByRole('radio', { name: "A group's view" }).check();
    await them.getByLabel('What they said').fill(groupSaid);
    await them.getByRole('radio', { name: 'Lived experience' }).check();
    await them.getByLabel('How many people agreed with it?').fill('8');
    await pressByKeyboard(them, them.getByRole('button', { name: 'Record it' }));
    await expect(them.getByRole('status')).toHaveText('Recorded. It is now with the policy team, like any other comment.');
    await expect(them.getByText(`8 of the 12 people at ${eventName}, 3 March 2026`).first()).toBeVisible();
    await expect(them.getByText(`Pat, at ${eventName}, 3 March 2026`).first()).toBeVisible();
    await expect(them.getByText('will be ready here when the version answering this round is published')).toBeVisible();
    await expectNoAxeViolations(them);

    // The facilitator corrects what they recorded for Pat, from a form filled in with it.
    await follow(them, them.getByRole('link', { name: /^Correct it.*what Pat/ }));
    await expect(them.getByRole('heading', { level: 1, name: 'Correct what was recorded' })).toBeVisible();
    await expect(them.getByLabel('What they said')).toHaveValue(personSaid);
    await expect(them.getByRole('radio', { name: 'By post' })).toBeChecked();
    await expect(them.getByLabel('Their postal address (if by post)')).toHaveValue('Pat Example\n2 Bridge Street\nPerth PH1 1AA');
    await expectNoAxeViolations(them);
    await them.getByLabel('Wording they suggested (optional)').fill(suggested);
    await pressByKeyboard(them, them.getByRole('button', { name: 'Save the correction' }));
    await expect(them.getByRole('status')).toHaveText('Your correction has been saved. Any answer it already had is kept.');
    await expect(them.getByText(`Suggested wording: “${suggested}”`)).toBeVisible();
    await expectNoAxeViolations(them);

    // 4. The editor answers both from the round's list, closes the round and publishes.
    await visit(page, `${frameworkPath}/rounds`);
    const round = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: roundTitle }) });
    await follow(page, round.getByRole('link', { name: `Answer comments in ${roundTitle}` }));
    for (const [said, reason] of [
      [personSaid, 'We will ask transport partners to say this.'],
      [groupSaid, 'The statement already says the people who matter to me.'],
    ]) {
      const item = page.locator('li.comment').filter({ hasText: said });
      await expect(item).toContainText(eventName);
      await item.getByRole('radio', { name: 'Noted', exact: true }).check();
      await item.getByLabel('Reason, in plain words').fill(reason);
      await follow(page, item.getByRole('button', { name: /^Save answer/ }));
      await expect(page.getByRole('status')).toHaveText('Answer saved.');
    }
    await expectNoAxeViolations(page);
    await visit(page, `${frameworkPath}/rounds`);
    await follow(page, round.getByRole('button', { name: `Close this round now (${roundTitle})`, exact: true }));
    await visit(page, `${frameworkPath}/publish`);
    await page.getByLabel('What changed, in one or two sentences').fill('Nothing changed this time.');
    await follow(page, page.getByRole('button', { name: 'Publish and email contributors' }));
    await expect(page).toHaveURL(`${frameworkPath}/versions/1?published=1`);

    // 5. The facilitator opens the letters: one for Pat (to post) and one for the group.
    await visit(them, eventPath);
    await expect(them.getByText('The statement now says').first()).toBeVisible();
    await follow(them, them.getByRole('link', { name: 'Letters: what became of what people said' }));
    await expect(them.getByRole('heading', { level: 1, name: `Letters from ${eventName}` })).toBeVisible();
    const letters = them.locator('article.letter');
    await expect(letters).toHaveCount(2);
    const pat = letters.filter({ hasText: 'Dear Pat' });
    await expect(pat).toContainText(personSaid);
    await expect(pat).toContainText('Noted');
    await expect(pat).toContainText('We will ask transport partners to say this.');
    await expect(pat).toContainText(statementText);
    await expect(pat.locator('.letter__address')).toContainText('2 Bridge Street');
    const group = letters.filter({ hasText: `To everyone who was at ${eventName}` });
    await expect(group).toContainText(groupSaid);
    await expect(group).toContainText('The statement already says the people who matter to me.');
    await expectNoAxeViolations(them);

    // Printed: nothing but the letters, each on its own page, in large type.
    await them.emulateMedia({ media: 'print' });
    await expect(them.locator('.site-header')).toBeHidden();
    await expect(them.getByRole('navigation', { name: 'Breadcrumb' })).toBeHidden();
    const printed = await letters.evaluateAll((all) =>
      all.map((letter) => {
        const style = getComputedStyle(letter);
        return { breakAfter: style.breakAfter, fontSize: parseFloat(style.fontSize) };
      }),
    );
    expect(printed[0].breakAfter).toBe('page');
    for (const letter of printed) expect(letter.fontSize).toBeGreaterThanOrEqual((16 * 96) / 72 - 0.1);
    for (const button of await them.getByRole('main').locator('button').all()) await expect(button).toBeHidden();
    await them.emulateMedia({ media: 'screen' });
  } finally {
    await context.close();
  }
});
