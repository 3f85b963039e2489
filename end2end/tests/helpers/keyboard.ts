import { expect, type Locator, type Page } from '@playwright/test';

/** Presses Tab until `target` has focus, as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 20): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    try {
      await expect(target).toBeFocused({ timeout: 50 });
      return;
    } catch {
      await page.keyboard.press('Tab');
    }
  }
  await expect(target, `not reached with ${max} presses of Tab`).toBeFocused({ timeout: 50 });
}

/** The option of a word select whose text is "N: word"; returns its index among the options. */
export async function indexOfWord(select: Locator, word: string): Promise<number> {
  const texts = await select.locator('option').allTextContents();
  const index = texts.findIndex((t) => t.trim().replace(/^\d+:\s*/, '') === word);
  expect(index, `"${word}" among ${JSON.stringify(texts)}`).toBeGreaterThanOrEqual(0);
  return index;
}

/** With the select focused, moves its choice to `word` with the arrow keys. */
export async function chooseWordByKeyboard(page: Page, select: Locator, word: string): Promise<void> {
  await expect(select).toBeFocused();
  const target = await indexOfWord(select, word);
  const current = await select.evaluate((s: HTMLSelectElement) => s.selectedIndex);
  const key = target > current ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(target - current); i++) await page.keyboard.press(key);
  await expect(select.locator('option:checked')).toHaveText(new RegExp(`^\\d+: ${word}$`));
}
