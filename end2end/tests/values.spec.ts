import { test, expect } from './helpers/fixtures';
import { expectNoAxeViolations, withServerRenderedView } from './helpers/axe';
import { visit, waitForHydration } from './helpers/navigation';
import { DEMO_FRAMEWORK_PATH } from './helpers/drafting';
import type { Page } from '@playwright/test';

/** The links in "Read the statements": one per way of reading, then one per value. */
function waysToRead(page: Page) {
  return page.getByRole('navigation', { name: 'Read the statements' });
}

/** The grid's cell for a theme (row) and a value (column), found by their headers. */
async function gridCell(page: Page, theme: string, value: string) {
  const table = page.getByRole('table', { name: 'Statements by theme and value' });
  const columns = await table.getByRole('columnheader').allTextContents();
  const at = columns.findIndex((c) => c.trim() === value);
  expect(at, `no column for ${value} in ${columns.join(', ')}`).toBeGreaterThan(0);
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: theme, exact: true }) });
  // The row header is the first cell of the row, so the value's column is one on.
  return row.getByRole('cell').nth(at - 1);
}

test('a reader filters the framework by a value and reads the theme by value grid', async ({ page }) => {
  await visit(page, DEMO_FRAMEWORK_PATH);
  const ways = waysToRead(page);
  await expect(ways.getByRole('link', { name: 'By theme' })).toHaveAttribute('aria-current', 'page');
  await expect(ways.getByText('(showing)')).toHaveCount(1);
  // Each statement says which values it carries, in words.
  await expect(
    page.getByRole('region', { name: 'Community inclusion' }).getByRole('listitem').filter({ hasText: 'CI-3' }),
  ).toContainText('Belonging and relationships · Inclusive places · Meaning and purpose');

  // Filter by a value: a plain link that keeps the choice in the address.
  await ways.getByRole('link', { name: 'Meaning and purpose' }).click();
  await expect(page).toHaveURL(`${DEMO_FRAMEWORK_PATH}?value=MP`);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Statements about Meaning and purpose' })).toBeVisible();
  await expect(waysToRead(page).getByRole('link', { name: 'Meaning and purpose' })).toHaveAttribute('aria-current', 'page');
  const references = page.locator('.statement-list .reference');
  await expect(references).toHaveText(['PS-1', 'CI-3', 'WF-1']);
  await expect(page.getByRole('heading', { level: 2, name: 'Home and living arrangements' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The grid: a table whose headers name the theme and the value of every cell.
  await waysToRead(page).getByRole('link', { name: 'Themes by value, as a table' }).click();
  await expect(page).toHaveURL(`${DEMO_FRAMEWORK_PATH}?view=grid`);
  await waitForHydration(page);
  await expect(page.getByRole('table', { name: 'Statements by theme and value' })).toBeVisible();
  await expect(await gridCell(page, 'Community inclusion', 'Belonging and relationships')).toHaveText(/CI-1\s*CI-3/);
  await expect(await gridCell(page, 'Personalised support', 'Inclusive places')).toHaveText('None');
  await expectNoAxeViolations(page);

  // A column header leads to that value's statements; a cell's reference to its statement.
  await (await gridCell(page, 'Wellbeing and fulfilment', 'Meaning and purpose')).getByRole('link', { name: 'WF-1' }).click();
  await expect(page).toHaveURL(`${DEMO_FRAMEWORK_PATH}/statements/WF-1`);
  await waitForHydration(page);
  await expect(page.getByText('Value: Meaning and purpose')).toBeVisible();
  await page.getByRole('link', { name: 'Meaning and purpose' }).click();
  await expect(page).toHaveURL(`${DEMO_FRAMEWORK_PATH}?value=MP`);
  await waitForHydration(page);

  // Grouped by value: one section per value, read without a table.
  await waysToRead(page).getByRole('link', { name: 'Grouped by value' }).click();
  await expect(page).toHaveURL(`${DEMO_FRAMEWORK_PATH}?view=values`);
  await waitForHydration(page);
  const inclusive = page.getByRole('region', { name: 'Inclusive places' });
  await expect(inclusive.locator('.reference')).toHaveText(['HL-3', 'HL-4', 'CI-2', 'CI-3', 'WF-3']);
  await expectNoAxeViolations(page);
});

test.describe('on a phone 320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const view of ['grid', 'values']) {
    test(`the framework read by value (${view}) fits the screen without sideways scrolling`, async ({ page }) => {
      await visit(page, `${DEMO_FRAMEWORK_PATH}?view=${view}`);
      const widths = await withServerRenderedView(page, (shown) =>
        shown.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        })),
      );
      expect(widths.scroll, `page is ${widths.scroll}px wide in a 320px window`).toBeLessThanOrEqual(320);
      await expectNoAxeViolations(page);
    });
  }
});
