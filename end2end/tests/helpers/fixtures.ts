import { test as base, expect, type Page, type Response } from '@playwright/test';
import { closeServerRenderedCopy } from './axe';

/** What the app has done in this page that tests need to know about. */
export interface PageWatch {
  /** The last full-page HTML response (after any redirects) shown in the main frame. */
  lastDocument?: Response;
  /** Whether the wasm bundle has loaded since the last full-page load. */
  wasmLoaded: boolean;
  /** Uncaught errors and Rust panics reported by the page. */
  errors: string[];
}

const watches = new WeakMap<Page, PageWatch>();

export function watchOf(page: Page): PageWatch {
  const watch = watches.get(page);
  if (!watch) throw new Error('this page was not created by the test fixture');
  return watch;
}

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { wasmLoaded: false, errors: [] };
  watches.set(page, watch);
  page.on('response', (response) => {
    const request = response.request();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      if (response.status() < 300 || response.status() >= 400) {
        watch.lastDocument = response;
        watch.wasmLoaded = false;
      }
    } else if (/\/pkg\/[^/?]+\.wasm(\?.*)?$/.test(response.url()) && response.ok()) {
      watch.wasmLoaded = true;
    }
  });
  page.on('pageerror', (error) => watch.errors.push(`uncaught error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /panicked/.test(message.text())) {
      watch.errors.push(`panic: ${message.text()}`);
    }
  });
  return watch;
}

export const test = base.extend<{ js: boolean }>({
  js: async ({ javaScriptEnabled }, use) => {
    await use(javaScriptEnabled !== false);
  },
  page: async ({ page }, use) => {
    const watch = watchPage(page);
    await use(page);
    await closeServerRenderedCopy(page);
    expect(watch.errors, 'the page reported errors while the test ran').toEqual([]);
  },
});

export { expect };

/** A random suffix so each run's people and emails are its own. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@example.org`;
}
