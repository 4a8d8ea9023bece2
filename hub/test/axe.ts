// axe-core in a Playwright page: the accessibility check every browser test can make of a page in
// one of its states. It fails on serious and critical violations (WCAG 2.x A and AA rules and axe's
// best practices), naming each rule, the elements and what is wrong with them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ElementContext, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What fails the check. */
const BLOCKING = new Set(['serious', 'critical']);

/** The serious and critical violations on the page as it is now, one readable line per element. */
export async function axeViolations(page: Page, context: ElementContext = 'html', options: RunOptions = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  // The results as JSON: Playwright's serialisable types are too deep for axe's to check.
  const json: string = await page.evaluate(
    async ({ context, options }) =>
      JSON.stringify(await (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<unknown> } }).axe.run(context, options)),
    { context: context as unknown, options: options as unknown },
  );
  const results = JSON.parse(json) as AxeResults;
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .flatMap((v) =>
      v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`),
    );
}

/** Fails with the list of serious and critical violations, if there are any. */
export async function expectAccessible(page: Page, what: string, context?: ElementContext, options?: RunOptions): Promise<void> {
  const violations = await axeViolations(page, context, options);
  if (violations.length)
    throw new Error(`axe-core: ${what} has ${violations.length} serious or critical violations:\n${violations.join('\n')}`);
}
