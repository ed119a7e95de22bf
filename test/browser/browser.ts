/**
 * Real Chromium for the dashboard tests: Debian's /usr/bin/chromium, headless, fresh profile.
 * Missing Chromium skips the suite with a message, or fails it under REQUIRE_CHROMIUM=1 (CI).
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** True when the browser tests can run; logs why not, and throws when CI requires them. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) to run the dashboard browser tests.`;
  if (process.env.REQUIRE_CHROMIUM === '1') throw new Error(`${message} REQUIRE_CHROMIUM=1 makes this a failure.`);
  console.warn(`SKIPPED dashboard browser tests. ${message}`);
  return false;
}

/** `launch` + `newContext` gives every run a fresh, throw-away profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Console errors and uncaught exceptions of a page, so each scenario can assert there were none. */
export class ConsoleWatch {
  private errors: string[] = [];

  constructor(page: Page) {
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') this.errors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => this.errors.push(`uncaught: ${error.message}`));
  }

  /** The errors since the last call. */
  take(): string[] {
    const taken = this.errors;
    this.errors = [];
    return taken;
  }
}

const RESULTS_DIR = join(process.cwd(), 'test-results', 'screenshots');
const DOCS_DIR = join(process.cwd(), 'docs', 'screenshots');

/** Saves a test artifact; with UPDATE_SCREENSHOTS=1 also refreshes the README's copy under docs/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.png`);
  // A full-page capture of a scrolled page draws the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(DOCS_DIR, { recursive: true });
    await copyFile(file, join(DOCS_DIR, `${name}.png`));
  }
}
