import { test, expect } from './helpers/fixtures';
import { expectNoAxeViolations, withServerRenderedView } from './helpers/axe';
import { visit, waitForHydration } from './helpers/navigation';

const FRAMEWORK = 'National Care Service standards (demo)';
const FRAMEWORK_PATH = '/frameworks/national-care-service-demo';
const HL1 = 'I live in a place I call home, with people I choose to live with.';
const THEMES = [
  'Home and living arrangements',
  'Personalised support',
  'Community inclusion',
  'Wellbeing and fulfilment',
];

test('a visitor goes from the list of frameworks to the demo framework and reads one of its I statements', async ({ page }) => {
  await visit(page, '/');
  await expect(page).toHaveTitle(/Our Words/);
  await expect(page.getByRole('heading', { level: 2, name: 'Frameworks' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: FRAMEWORK }).click();
  await expect(page).toHaveURL(FRAMEWORK_PATH);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: FRAMEWORK })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(FRAMEWORK.replace(/[()]/g, '\\$&')));
  for (const theme of THEMES) {
    await expect(page.getByRole('heading', { level: 2, name: theme })).toBeVisible();
  }
  // Every theme holds its I statements, each a link with its reference.
  const home = page.getByRole('region', { name: 'Home and living arrangements' });
  await expect(home.getByRole('link')).not.toHaveCount(0);
  await expectNoAxeViolations(page);

  await home.getByRole('link', { name: `HL-1 ${HL1}` }).click();
  await expect(page).toHaveURL(`${FRAMEWORK_PATH}/statements/HL-1`);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: HL1 })).toBeVisible();
  await expect(page.getByText('HL-1 · Home and living arrangements')).toBeVisible();
  await expectNoAxeViolations(page);

  // The breadcrumbs lead back to the framework.
  const breadcrumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await breadcrumbs.getByRole('link', { name: FRAMEWORK }).click();
  await expect(page).toHaveURL(FRAMEWORK_PATH);
  await expect(page.getByRole('heading', { level: 1, name: FRAMEWORK })).toBeVisible();
});

test('the themes list on a framework page jumps to the chosen theme', async ({ page }) => {
  await visit(page, FRAMEWORK_PATH);
  const themes = page.getByRole('navigation', { name: 'Themes' });
  await expect(themes.getByRole('link')).toHaveText(THEMES);
  await themes.getByRole('link', { name: 'Wellbeing and fulfilment' }).click();
  await expect(page).toHaveURL(`${FRAMEWORK_PATH}#theme-WF`);
  await expect(page.getByRole('heading', { level: 2, name: 'Wellbeing and fulfilment' })).toBeInViewport();
});

test('a statement that does not exist shows "Page not found" with status 404', async ({ page }) => {
  const response = await visit(page, `${FRAMEWORK_PATH}/statements/XX-99`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the list of frameworks' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe('on a phone 320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const [name, path] of [
    ['the framework page', FRAMEWORK_PATH],
    ['a statement page', `${FRAMEWORK_PATH}/statements/HL-1`],
  ]) {
    test(`${name} fits the screen without sideways scrolling`, async ({ page }) => {
      await visit(page, path);
      const widths = await withServerRenderedView(page, (view) =>
        view.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        })),
      );
      expect(widths.scroll, `page is ${widths.scroll}px wide in a 320px window`).toBeLessThanOrEqual(320);
      await expectNoAxeViolations(page);
    });
  }
});
