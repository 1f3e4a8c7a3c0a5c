import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';

it('has migrations applied', async () => {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM risk_factors').first<{ n: number }>();
  expect(row?.n).toBe(16);
  const res = await exports.default.fetch('https://x/');
  expect(res.status).toBe(200);
});
