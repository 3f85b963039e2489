import { expect, test, type BrowserContext, type Page, type Response } from '@playwright/test';
import { watchOf, watchPage } from './fixtures';

/** Whether the running test's project has JavaScript on (the `js` project). */
export function javaScriptOn(): boolean {
  return test.info().project.use.javaScriptEnabled !== false;
}

/**
 * A browser of another person's own (its own cookies), set up like `page`'s: the same
 * address, JavaScript on or off, and screen size. Every page opened in it is watched
 * like the fixture's own, so `visit` and `waitForHydration` work there too. The caller
 * closes it.
 */
export async function anotherPersonsBrowser(page: Page): Promise<BrowserContext> {
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser');
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    javaScriptEnabled: javaScriptOn(),
    viewport: page.viewportSize(),
  });
  context.on('page', (opened) => {
    watchPage(opened);
  });
  return context;
}

/**
 * With JavaScript on, waits until the wasm bundle has loaded and the page has gone quiet,
 * so the hydrated page (not just the server's HTML) is what the test then uses.
 * With JavaScript off there is nothing to wait for.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  if (!javaScriptOn()) return;
  const watch = watchOf(page);
  await expect
    .poll(() => watch.wasmLoaded, {
      message: `the wasm bundle (/pkg/*.wasm) never loaded on ${page.url()}; is target/site built?`,
      timeout: 15_000,
    })
    .toBe(true);
  await page.waitForLoadState('networkidle');
}

/** Opens a page by its address, as if typed or bookmarked. */
export async function visit(page: Page, url: string): Promise<Response | null> {
  const response = await page.goto(url);
  await waitForHydration(page);
  return response;
}
