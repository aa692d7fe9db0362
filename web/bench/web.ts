// bench/web: the production bundle (total and initial JavaScript/CSS, gzipped) and the time
// to the first meaningful render of "Việc cần làm" (the overdue list drawn from the server's
// answer) on loopback in headless Chromium, cold (new browser context) and warm (reload).
// Usage (from web/, after `npm run build`): npx tsx bench/web.ts [runs]
// Environment: PTDV_BIN (default ../build/ptdv), CHROMIUM (default /usr/bin/chromium).
// Fails (exit 1) when the initial JavaScript exceeds 350 KB gzipped (issue #4).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.resolve(here, '..');
const root = path.resolve(web, '..');
const dist = path.join(web, 'dist');
const bin = process.env.PTDV_BIN ?? path.join(root, 'build', 'ptdv');
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const runs = Number(process.argv[2] ?? '7');
const kInitialBudget = 350 * 1024;

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function bundle() {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = new Set<string>();
  for (const m of html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)) initial.add(m[1]);
  // What the entry imports statically is loaded before the first render too.
  const queue = [...initial].filter((f) => f.endsWith('.js'));
  while (queue.length) {
    const file = queue.pop()!;
    const text = readFileSync(path.join(dist, file), 'utf8');
    for (const m of text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w{}\s,*$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      const dep = `assets/${m[1]}`;
      if (!initial.has(dep)) { initial.add(dep); queue.push(dep); }
    }
  }
  const assets = readdirSync(path.join(dist, 'assets')).map((f) => `assets/${f}`);
  const sum = (files: string[], ext: string) => files.filter((f) => f.endsWith(ext)).reduce((n, f) => n + gz(path.join(dist, f)), 0);
  return {
    total_js_gzip: sum(assets, '.js'),
    total_css_gzip: sum(assets, '.css'),
    initial_js_gzip: sum([...initial], '.js'),
    initial_css_gzip: sum([...initial], '.css'),
    initial_files: [...initial],
    chunks: assets.filter((f) => f.endsWith('.js')).length,
  };
}

async function serve(db: string): Promise<{ kill: () => void; baseUrl: string }> {
  const server = spawn(bin, ['--db', db, '--today', '2023-11-15', 'serve', '--listen', '127.0.0.1:0', '--static-dir', dist], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    server.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /http:\/\/([\d.]+):(\d+)\//.exec(err);
      if (m) resolve({ kill: () => server.kill('SIGTERM'), baseUrl: `http://${m[1]}:${m[2]}` });
    });
    server.on('exit', (code) => reject(new Error(`ptdv serve exited (${code}): ${err}`)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const b = bundle();
  console.log(`bundle: initial JS ${kb(b.initial_js_gzip)} gzip (${b.initial_files.filter((f) => f.endsWith('.js')).length} files), initial CSS ${kb(b.initial_css_gzip)}; total JS ${kb(b.total_js_gzip)} in ${b.chunks} chunks, total CSS ${kb(b.total_css_gzip)}`);
  const work = mkdtempSync(path.join(tmpdir(), 'ptdv-bench-web-'));
  const db = path.join(work, 'bench.db');
  execFileSync(bin, ['--db', db, '--today', '2023-11-15', 'demo'], { stdio: 'ignore' });
  const server = await serve(db);
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Marks the moment the overdue list (or its empty text) is in the DOM. A string, so that the
  // TypeScript loader's helpers never reach the page.
  const probe = `(() => {
    const check = () => {
      if (window.__fmr === undefined &&
          document.querySelector('.todo-overdue .deadline-item, .todo-overdue .empty')) {
        window.__fmr = performance.now();
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
  })();`;
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      await context.addInitScript({ content: probe });
      const login = await context.request.post(`${server.baseUrl}/api/v1/auth/login`, { data: { login: 'taylocdu', password: 'Hue@2023demo' } });
      if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/`);
      await page.waitForFunction(() => (window as unknown as { __fmr?: number }).__fmr !== undefined, null, { timeout: 20000 });
      cold.push(await page.evaluate(() => (window as unknown as { __fmr: number }).__fmr));
      await page.reload();
      await page.waitForFunction(() => (window as unknown as { __fmr?: number }).__fmr !== undefined, null, { timeout: 20000 });
      warm.push(await page.evaluate(() => (window as unknown as { __fmr: number }).__fmr));
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill();
    rmSync(work, { recursive: true, force: true });
  }
  const result = {
    ...b,
    first_meaningful_render_ms: {
      cold_median: Math.round(median(cold)), cold_min: Math.round(Math.min(...cold)), cold_max: Math.round(Math.max(...cold)),
      warm_median: Math.round(median(warm)), warm_min: Math.round(Math.min(...warm)), warm_max: Math.round(Math.max(...warm)),
      runs,
    },
  };
  console.log(`Việc cần làm, first meaningful render on loopback (${runs} runs): cold median ${result.first_meaningful_render_ms.cold_median} ms (min ${result.first_meaningful_render_ms.cold_min}, max ${result.first_meaningful_render_ms.cold_max}); warm median ${result.first_meaningful_render_ms.warm_median} ms`);
  mkdirSync(path.join(root, 'build'), { recursive: true });
  writeFileSync(path.join(root, 'build', 'bench-web.json'), JSON.stringify(result, null, 2));
  if (b.initial_js_gzip > kInitialBudget) {
    console.error(`bench/web: initial JavaScript ${kb(b.initial_js_gzip)} exceeds the budget of ${kb(kInitialBudget)}`);
    process.exit(1);
  }
}

main().catch((e) => { console.error(e); process.exit(2); });
