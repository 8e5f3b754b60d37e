// Lighthouse against the built app (dist/ served from /petal/ on loopback) with Debian's Chromium: the
// accessibility, best-practices and performance scores, and every audit that lost points. Run by
// `npm run bench` (after `npm run build`); no test depends on it. Writes bench-results/lighthouse.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium';
import { serveStatic } from '../e2e/static-server';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;

interface AuditResult {
  readonly id: string;
  readonly title: string;
  readonly score: number | null;
  readonly scoreDisplayMode: string;
  readonly displayValue?: string;
}

/** One Lighthouse run per form factor; returns a Markdown table and the audits that lost points. */
export async function lighthouseBench(): Promise<string> {
  const server = await serveStatic({ dir: 'dist' });
  const chrome = await launch({
    chromePath: chromiumPath(),
    chromeFlags: CHROMIUM_ARGS.map((flag) => (flag === '--headless' ? '--headless=new' : flag)),
  });
  const lines = [
    '| form factor | performance | accessibility | best practices | FCP | LCP | TBT | CLS |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const failing: string[] = [];
  const reports: Record<string, unknown> = {};
  try {
    for (const formFactor of ['mobile', 'desktop'] as const) {
      const result = await lighthouse(
        server.url,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
        formFactor === 'desktop'
          ? {
              extends: 'lighthouse:default',
              settings: {
                formFactor: 'desktop',
                screenEmulation: {
                  mobile: false,
                  width: 1350,
                  height: 940,
                  deviceScaleFactor: 1,
                  disabled: false,
                },
                throttling: { rttMs: 40, throughputKbps: 10_240, cpuSlowdownMultiplier: 1 },
              },
            }
          : undefined,
      );
      if (!result) throw new Error('Lighthouse returned no result');
      const { categories, audits } = result.lhr;
      reports[formFactor] = result.lhr;
      const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
      const metric = (id: string) => audits[id]?.displayValue ?? '–';
      lines.push(
        `| ${formFactor} | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${metric('first-contentful-paint')} | ${metric('largest-contentful-paint')} | ${metric('total-blocking-time')} | ${metric('cumulative-layout-shift')} |`,
      );
      for (const category of CATEGORIES) {
        for (const ref of categories[category]?.auditRefs ?? []) {
          const audit = audits[ref.id] as AuditResult | undefined;
          if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
          failing.push(
            `- ${formFactor} · ${category} · ${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`,
          );
        }
      }
    }
  } finally {
    chrome.kill();
    await server.close();
  }
  await mkdir('bench-results', { recursive: true });
  await writeFile('bench-results/lighthouse.json', JSON.stringify(reports));
  return `${lines.join('\n')}\n\nAudits that lost points:\n${failing.length ? failing.join('\n') : '- none'}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(await lighthouseBench());
}
