// Opens each HTML report in Chromium with print media at the width of an A4 page's printable
// area and checks: no console or page errors and no network requests, no element wider than the
// page, every report table has a header that repeats on each printed page, every chart is a
// non-empty SVG, and on a 390px phone screen the page never scrolls sideways. Usage:
// node dom-check.mjs DIR [CHROMIUM]
import { chromium } from 'playwright-core';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = resolve(process.argv[2]);
const executablePath = process.argv[3] || '/usr/bin/chromium';
// A4 is 210 mm wide; page.html sets 14 mm margins each side: 182 mm at 96 px per inch.
const PRINT_WIDTH = Math.floor((182 / 25.4) * 96);

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failures = 0;
const fail = (file, msg) => { failures += 1; console.log(`FAIL ${file}: ${msg}`); };
for (const file of readdirSync(dir).filter((f) => f.endsWith('.html')).sort()) {
  const page = await browser.newPage({ viewport: { width: PRINT_WIDTH, height: 1100 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) errors.push(`network request ${r.url()}`); });
  await page.emulateMedia({ media: 'print' });
  await page.goto('file://' + join(dir, file));
  const r = await page.evaluate((width) => {
    const over = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
      const b = el.getBoundingClientRect();
      if (b.width > 0 && b.right > width + 1) over.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(b.right)}`);
    }
    const tables = [...document.querySelectorAll('table.report')];
    const headless = tables.filter((t) => !t.querySelector('thead') && !t.classList.contains('evaluation')).length;
    const notRepeating = tables.filter((t) => t.querySelector('thead') && getComputedStyle(t.querySelector('thead')).display !== 'table-header-group').length;
    const charts = [...document.querySelectorAll('figure.chart svg')].map((s) => {
      const b = s.getBoundingClientRect();
      return { w: b.width, h: b.height, shapes: s.querySelectorAll('path,rect,circle').length, title: s.querySelector('title')?.textContent || '' };
    });
    return { over: over.slice(0, 5), overCount: over.length, tables: tables.length, headless, notRepeating, charts, scroll: document.documentElement.scrollWidth };
  }, PRINT_WIDTH);
  if (errors.length) fail(file, `browser errors: ${errors.join(' | ')}`);
  if (r.overCount) fail(file, `${r.overCount} elements wider than the printed page (${PRINT_WIDTH}px): ${r.over.join('; ')}`);
  if (r.scroll > PRINT_WIDTH + 1) fail(file, `page scrolls horizontally in print (${r.scroll}px)`);
  if (r.tables < 9) fail(file, `only ${r.tables} report tables`);
  if (r.headless) fail(file, `${r.headless} tables without a header row group`);
  if (r.notRepeating) fail(file, `${r.notRepeating} table headers do not repeat across pages`);
  const empty = r.charts.filter((c) => !(c.w > 0 && c.h > 0 && c.shapes > 0 && c.title));
  if (empty.length) fail(file, `${empty.length} empty charts`);
  // Charts are expected except where the run says none are drawn (NO_CHARTS: minimal has too few
  // figures; a profile whose template has no charts, as Shanghai's, turns them off).
  const noCharts = (process.env.NO_CHARTS || '').split(',').filter(Boolean);
  if (!noCharts.some((stem) => file === `${stem}.html`) && r.charts.length < 2) fail(file, `expected charts, found ${r.charts.length}`);
  if (noCharts.some((stem) => file === `${stem}.html`) && r.charts.length > 0) fail(file, `expected no charts, found ${r.charts.length}`);
  // On a phone, wide tables scroll inside their own box; the page itself never scrolls sideways.
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 390, height: 844 });
  const phone = await page.evaluate(() => document.documentElement.scrollWidth);
  if (phone > 391) fail(file, `on a 390px phone screen the page is ${phone}px wide`);
  await page.screenshot({ path: join(dir, file.replace(/\.html$/, '.phone.png')), fullPage: false });
  console.log(`ok   ${file}: ${r.tables} tables, ${r.charts.length} charts, widest ${r.scroll}px of ${PRINT_WIDTH}px`);
  await page.close();
}
await browser.close();
process.exit(failures ? 1 : 0);
