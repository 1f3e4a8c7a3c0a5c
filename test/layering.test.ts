/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

/** The source as text, read when the tests are built (the Workers runtime has no file system). */
const sources = import.meta.glob(['../src/**/*.ts', '../src/**/*.tsx', '../views/**/*.tsx', '../views/**/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const files = (where: (path: string) => boolean) => Object.entries(sources).filter(([path]) => where(path));

describe('each layer in its room', () => {
  it('reads the source', () => {
    expect(files((p) => p.includes('/src/db/')).length).toBeGreaterThan(10);
  });

  it('keeps SQL in src/db', () => {
    const outside = files((p) => !p.includes('/src/db/'))
      .filter(([, text]) => /\.prepare\(/.test(text))
      .map(([path]) => path);
    expect(outside).toEqual([]);
  });

  it('lets nothing under src/db import the HTTP layer, and views read no database', () => {
    const dbToHttp = files((p) => p.includes('/src/db/'))
      .filter(([, text]) => /from '\.\.\/http\//.test(text))
      .map(([path]) => path);
    expect(dbToHttp).toEqual([]);
    const viewsToDb = files((p) => p.includes('/views/'))
      // Row types may be shared; a function of src/db or the binding may not.
      .filter(([, text]) => /import (?!type )[^;]*from '[./]*src\/db\/|D1Database/.test(text))
      .map(([path]) => path);
    expect(viewsToDb).toEqual([]);
  });

  it('reads the database of a request only through its session (so that a user sees its own writes)', () => {
    const direct = files((p) => !p.endsWith('/src/index.ts') && !p.endsWith('/src/middleware/d1-session.ts'))
      .filter(([, text]) => /env\.DB\b/.test(text))
      .map(([path]) => path);
    expect(direct).toEqual([]);
  });
});
