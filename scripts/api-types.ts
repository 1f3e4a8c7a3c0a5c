// `npm run api:types`: the OpenAPI document as the app serves it, and the TypeScript types of a
// client generated from it (openapi-typescript), for the tests that drive the API through a typed
// client (test/api-client/). The document is built by the same code the Worker runs: the API is
// bundled with esbuild and asked for /openapi.json. A test fails when the committed document and
// the served one differ, so a change that breaks the document breaks the build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test/api-client');
const work = mkdtempSync(join(tmpdir(), 'api-doc-'));
try {
  const bundle = join(work, 'api.mjs');
  execFileSync(join(root, 'node_modules/.bin/esbuild'), [join(root, 'src/routes/api/index.ts'), '--bundle', '--platform=node', '--format=esm', `--outfile=${bundle}`, '--log-level=warning', '--jsx=automatic', '--jsx-import-source=hono/jsx'], {
    cwd: root,
    stdio: 'inherit',
  });
  const { api } = (await import(pathToFileURL(bundle).href)) as { api: { request: (path: string) => Promise<Response> } };
  const doc = (await (await api.request('http://api.invalid/openapi.json')).json()) as Record<string, unknown>;
  // The server URL is the caller's origin: not part of the contract.
  delete doc.servers;
  writeFileSync(join(out, 'openapi.json'), `${JSON.stringify(doc, null, 2)}\n`);
  execFileSync(join(root, 'node_modules/.bin/openapi-typescript'), [join(out, 'openapi.json'), '-o', join(out, 'schema.d.ts')], { cwd: root, stdio: 'inherit' });
  console.log(`wrote ${out}/openapi.json and schema.d.ts`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
