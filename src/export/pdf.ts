/**
 * HTML to PDF with the machine's Chromium (playwright-core drives it; no browser is downloaded).
 * The page is set from a string with JavaScript off and every request refused: the report is
 * self-contained, and printing it must not reach any network.
 */
import { KeruenError } from '../core/errors.ts';

export const CHROMIUM_PATH = process.env.KERUEN_CHROMIUM ?? '/usr/bin/chromium';

/** Flags as the web tests use: without them Chromium reaches for Google's hosts. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** The PDF's bytes (A4, the page's own print CSS). */
export async function printPdf(html: string): Promise<Uint8Array> {
  let browser;
  try {
    // Loaded here: playwright-core costs every other command ~0.4 s of CPU at start.
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  } catch (e) {
    throw new KeruenError('io', `cannot start Chromium at ${CHROMIUM_PATH} to print the PDF (set KERUEN_CHROMIUM to another path): ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } catch (e) {
    throw new KeruenError('io', `cannot print the PDF: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    await browser.close();
  }
}
