// Writes a brotli (.br) and a gzip (.gz) copy beside each text file of the built UI (dist/), at
// the highest levels, so that `ptdv serve` answers them by Accept-Encoding without compressing
// per request (src/http/static_files.h). A copy that saves nothing is not kept. Runs after
// `vite build` (npm run build); prints the entry script's size in each coding.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const kCompressible = /\.(html|js|mjs|css|svg|json|map|txt|webmanifest)$/;
// Below this, the headers cost about what compression saves.
const kMinimumBytes = 512;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && kCompressible.test(entry.name)) yield path;
  }
}

async function compress(path) {
  const data = readFileSync(path);
  if (data.length < kMinimumBytes) return null;
  const [br, gz] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gzipAsync(data, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  if (br.length < data.length) writeFileSync(`${path}.br`, br);
  if (gz.length < data.length) writeFileSync(`${path}.gz`, gz);
  return { path, identity: data.length, br: br.length, gzip: gz.length };
}

const sizes = (await Promise.all([...files(dist)].map(compress))).filter(Boolean);
const entry = /<script[^>]+src="\/?([^"]+\.js)"/.exec(readFileSync(join(dist, 'index.html'), 'utf8'))?.[1];
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const main = sizes.find((s) => relative(dist, s.path) === entry);
if (main) console.log(`${entry}: ${kib(main.identity)}, gzip ${kib(main.gzip)}, br ${kib(main.br)}`);
console.log(`compress: ${sizes.length} files precompressed (br, gzip)`);
