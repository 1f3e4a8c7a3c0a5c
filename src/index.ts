import { createApp } from './app.tsx';
import type { Bindings } from './env.ts';

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Bindings>;
