import AxeBuilder from '@axe-core/playwright';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { watchOf } from './fixtures';
import { javaScriptOn } from './navigation';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The app's own scripts and wasm. Blocking them leaves exactly the server's HTML. */
const APP_CODE = /\.(m?js|wasm)(\?.*)?$/;

interface ServerRenderedCopy {
  context: BrowserContext;
  view: Page;
  document?: { status: number; contentType: string; body: Buffer };
}

const copies = new WeakMap<Page, ServerRenderedCopy>();

/** A JavaScript-on page that shows whatever HTML it is handed and never runs the app's code. */
async function copyFor(page: Page): Promise<ServerRenderedCopy> {
  const existing = copies.get(page);
  if (existing) return existing;
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser');
  const context = await browser.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() });
  const copy: ServerRenderedCopy = { context, view: await context.newPage() };
  await context.route('**/*', async (route) => {
    const request = route.request();
    if (request.isNavigationRequest() && request.frame().parentFrame() === null && copy.document) {
      await route.fulfill({
        status: copy.document.status,
        contentType: copy.document.contentType,
        body: copy.document.body,
      });
    } else if (APP_CODE.test(request.url())) {
      await route.abort();
    } else {
      await route.continue();
    }
  });
  copies.set(page, copy);
  return copy;
}

/** Closes the copy made for `page`, if any (the test fixture calls this). */
export async function closeServerRenderedCopy(page: Page): Promise<void> {
  const copy = copies.get(page);
  copies.delete(page);
  await copy?.context.close();
}

/**
 * Runs `check` against what a person without JavaScript sees on `page`, in a page that
 * itself has JavaScript on (axe and `evaluate` need it; axe crashes in a context made
 * with `javaScriptEnabled: false`) but never runs the app's own scripts or wasm.
 *
 * The copy shows the very HTML the server sent for the current page (also when it
 * answered a form post), with the same cookies and viewport and the app's stylesheet,
 * so nothing is asked of the app again and nothing on the server changes.
 *
 * With JavaScript on, `check` simply runs against `page` itself.
 */
export async function withServerRenderedView<T>(
  page: Page,
  check: (view: Page) => Promise<T>,
): Promise<T> {
  if (javaScriptOn()) return check(page);

  const document = watchOf(page).lastDocument;
  if (!document) throw new Error('no page has been loaded yet');
  const copy = await copyFor(page);
  copy.document = {
    status: document.status(),
    contentType: (await document.headerValue('content-type')) ?? 'text/html; charset=utf-8',
    body: await document.body(),
  };
  await copy.context.clearCookies();
  await copy.context.addCookies(await page.context().cookies());
  const viewport = page.viewportSize();
  if (viewport) await copy.view.setViewportSize(viewport);
  await copy.view.goto(page.url().replace(/#.*$/, ''));
  await copy.view.waitForLoadState('load');
  return check(copy.view);
}

function describeViolations(url: string, violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  const lines = [`axe found ${violations.length} accessibility problem(s) on ${url}:`];
  for (const v of violations) {
    lines.push('', `- ${v.id} [${v.impact ?? 'unknown impact'}]: ${v.help}`, `  ${v.helpUrl}`);
    for (const node of v.nodes) {
      lines.push(`  at ${node.target.join(' ')}`);
      lines.push(`    ${node.html.slice(0, 300)}`);
      if (node.failureSummary) {
        lines.push(...node.failureSummary.split('\n').map((line) => `    ${line}`));
      }
    }
  }
  return lines.join('\n');
}

/**
 * Fails the test, listing each problem readably, if axe-core finds any WCAG 2.2 A or AA
 * violation on the page as it is now: hydrated with JavaScript on, the server's HTML
 * with JavaScript off.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const url = page.url();
  const violations = await withServerRenderedView(page, async (view) => {
    const results = await new AxeBuilder({ page: view }).withTags(WCAG_TAGS).analyze();
    return results.violations;
  });
  expect(violations.length, describeViolations(url, violations)).toBe(0);
}
