import { Hono } from 'hono';
import { respond, uiOf } from '../../http/render.tsx';
import type { AppEnv } from '../../http/types.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { loadLeaderDesk } from '../../services/leader.ts';
import { LeaderDeskView } from '../../../views/leader/desk.tsx';

/** The leaders' landing page. */
export const leaderRoutes = new Hono<AppEnv>().get('/', requireRole('seeMeetings'), async (c) => {
  const desk = await loadLeaderDesk(c.var.db, currentUser(c), c.var.t, c.var.lang);
  return respond(c, { title: c.var.t('nav.leaderDesk'), crumbs: [{ label: c.var.t('nav.leaderDesk') }], content: <LeaderDeskView ui={uiOf(c)} desk={desk} /> });
});
