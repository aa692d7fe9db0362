import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, kDesktop, login, test } from './harness';

// `make run`: scripts/run-demo.sh, started as make starts it (DB and PORT from the
// environment), loads the Huế demo into a new database, prints the address and the demo
// accounts and becomes `ptdv serve`; a demo account logs in to what it serves; Ctrl+C (SIGINT)
// stops the server itself, cleanly. A second start keeps the database and loads nothing.
const runScript = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'run-demo.sh');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startRun(bin: string, db: string, port: number): Run {
  const child = spawn('bash', [runScript, bin], {
    env: { ...process.env, DB: db, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, output: () => output, exited };
}

// The address the server prints once it listens; the demo load comes first (a minute at most
// on a loaded machine).
async function servedUrl(run: Run): Promise<string> {
  const end = Date.now() + 120000;
  for (;;) {
    const m = /PTĐV đang chạy: (http:\/\/\S+\/)/.exec(run.output());
    if (m) return m[1];
    if (run.child.exitCode !== null) throw new Error(`run-demo.sh exited (${run.child.exitCode}):\n${run.output()}`);
    if (Date.now() > end) throw new Error(`run-demo.sh printed no address:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(run: Run, signal: NodeJS.Signals): Promise<void> {
  run.child.kill(signal);
  const timeout = new Promise<null>((r) => setTimeout(() => r(null), 15000));
  const exit = await Promise.race([run.exited, timeout]);
  expect(exit !== null, `ptdv serve did not stop on ${signal}`);
  expect(exit.code === 0, `ptdv serve ended on ${signal} with code ${exit.code}, signal ${exit.signal}:\n${run.output()}`);
}

test('make run loads the demo once, serves it to a demo account and stops on Ctrl+C', async ({ newPage, fixture }) => {
  const work = mkdtempSync(path.join(tmpdir(), 'ptdv-run-'));
  const db = path.join(work, 'demo.db');
  const runs: Run[] = [];
  try {
    const port = await freePort();
    const first = startRun(fixture.bin, db, port);
    runs.push(first);
    const url = await servedUrl(first);
    expect(url === `http://127.0.0.1:${port}/`, `served at ${url}`);
    const printed = first.output();
    expect(printed.includes('Đang nạp dữ liệu mẫu'), `no demo load:\n${printed}`);
    expect(printed.includes(`Mở trình duyệt: ${url}`), `no address for the user:\n${printed}`);
    expect(/^\s+taylocdu\s/m.test(printed) && printed.includes('Hue@2023demo'), `no demo accounts:\n${printed}`);

    // Today's tree is the one after 1/7/2025: Tây Lộc's staff work for the ward that took it over.
    const page = await newPage(kDesktop);
    await login(page, url.replace(/\/$/, ''), 'taylocdu');
    await page.goto(`${url}to-chuc`);
    await page.getByText('Đảng ủy phường Phú Xuân').first().waitFor();
    await page.close();
    await stop(first, 'SIGINT');

    const second = startRun(fixture.bin, db, port);
    runs.push(second);
    const again = await servedUrl(second);
    expect(!second.output().includes('Đang nạp dữ liệu mẫu'), `the demo was loaded again:\n${second.output()}`);
    // The entry script, precompressed by the build, comes as brotli (undici decodes it).
    const html = await (await fetch(again)).text();
    const entry = /<script[^>]+src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(entry, `no entry script in:\n${html}`);
    const script = await fetch(again + entry, { headers: { 'Accept-Encoding': 'br' } });
    expect(script.status === 200 && script.headers.get('content-encoding') === 'br', `${entry} answered ${script.status} ${script.headers.get('content-encoding')}`);
    expect((await script.text()).length > 0, `${entry} is empty`);
    await stop(second, 'SIGTERM');
  } finally {
    for (const run of runs) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  }
});
