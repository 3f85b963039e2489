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
