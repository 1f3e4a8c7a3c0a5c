// Creates the first administrator of a deployment without demo data:
//   ADMIN_PASSWORD='…' node scripts/create-admin.ts --username admin --name 张三 --court 甘 [--remote]
// The password is hashed here (PBKDF2-SHA256, as the app does); only the hash reaches D1,
// together with the audit row of the creation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hashPassword } from '../src/security/password.ts';
import { sqlLiteral } from './seed/sql.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    username: { type: 'string', default: 'admin' },
    name: { type: 'string', default: '系统管理员' },
    court: { type: 'string', default: '甘' },
    remote: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
  },
});
const password = process.env.ADMIN_PASSWORD ?? '';
if (password.length < 8) {
  console.error('Set ADMIN_PASSWORD (at least 8 characters) in the environment.');
  process.exit(1);
}
if (!/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/.test(values.username!)) {
  console.error('The username must be 3–32 letters, digits, _ . or -, starting with a letter.');
  process.exit(1);
}

const id = crypto.randomUUID();
const now = new Date().toISOString();
const hash = await hashPassword(password);
const court = `(SELECT id FROM courts WHERE code = ${sqlLiteral(values.court!)})`;
const sql = [
  `INSERT INTO users (id, username, display_name, court_id, division, password_hash, active, version, created_at, updated_at)
   VALUES (${sqlLiteral(id)}, ${sqlLiteral(values.username!)}, ${sqlLiteral(values.name!)}, ${court}, '', ${sqlLiteral(hash)}, 1, 1, ${sqlLiteral(now)}, ${sqlLiteral(now)});`,
  `INSERT INTO user_roles (user_id, role) VALUES (${sqlLiteral(id)}, 'admin');`,
  `INSERT INTO audit_log (at, actor_id, via, court_id, action, entity, entity_id, after_json)
   VALUES (${sqlLiteral(now)}, NULL, 'system', ${court}, 'user.create', 'user', ${sqlLiteral(id)}, ${sqlLiteral(JSON.stringify({ username: values.username, roles: ['admin'], by: 'scripts/create-admin.ts' }))});`,
].join('\n');
const file = join(mkdtempSync(join(tmpdir(), 'yjlx-')), 'admin.sql');
writeFileSync(file, sql);
execFileSync(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', values.remote ? '--remote' : '--local', ...(values['persist-to'] ? ['--persist-to', values['persist-to']] : []), '--file', file], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CI: 'true' },
});
console.log(`Administrator ${values.username} created at court ${values.court}.`);
