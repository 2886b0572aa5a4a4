/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
 * (which never downloads a browser of its own here), with the flags this machine needs: without
 * the background-networking ones Chromium keeps trying hosts the closed network refuses.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { PROJECT_ROOT } from "../../tools/runtime";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/** Where screenshots go (git-ignored). */
export const OUTPUT_DIR = join(PROJECT_ROOT, "test-output");

export function haveChromium(): boolean {
    return existsSync(CHROMIUM);
}

/** In a `before` hook: skip the suite, saying why, when Chromium is not installed. */
export function skipWithoutChromium(suite: Mocha.Context): void {
    if (haveChromium()) return;
    console.log("      (skipped: /usr/bin/chromium is not installed; apt-get install chromium)");
    suite.skip();
}

export interface Browser {
    context: BrowserContext;
    newPage(): Promise<Page>;
    close(): Promise<void>;
}

/** Start Chromium with a fresh, empty profile that is removed on close. */
export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), "snmp-office-chromium-"));
    // launchPersistentContext is how Playwright takes a --user-data-dir.
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_FLAGS,
        viewport,
    });
    return {
        context,
        newPage: () => context.newPage(),
        async close(): Promise<void> {
            await context.close();
            rmSync(profile, { recursive: true, force: true });
        },
    };
}

export async function screenshot(page: Page, name: string): Promise<string> {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const file = join(OUTPUT_DIR, name);
    await page.screenshot({ path: file, fullPage: true });
    return file;
}
