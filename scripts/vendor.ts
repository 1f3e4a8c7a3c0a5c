// Copies the browser scripts the app self-hosts (courts run on closed networks: no CDN, ever)
// from node_modules into public/static/vendor/, so the served copy always matches package.json.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'public/static/vendor');
mkdirSync(target, { recursive: true });
copyFileSync(join(root, 'node_modules/htmx.org/dist/htmx.min.js'), join(target, 'htmx.min.js'));
console.log('vendor: htmx.min.js → public/static/vendor/');
