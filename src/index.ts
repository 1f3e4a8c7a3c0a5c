import type { Bindings } from './env.ts';

export default {
  async fetch(_req: Request, _env: Bindings): Promise<Response> {
    return new Response('ok');
  },
} satisfies ExportedHandler<Bindings>;
