import { Hono } from 'hono';
import { pageQueryOf } from '../../http/forms.ts';
import { respond, uiOf } from '../../http/render.tsx';
import type { AppEnv } from '../../http/types.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { BacktestQuerySchema } from '../../schemas/stats.ts';
import { runBacktestFor } from '../../services/backtest.ts';
import { BacktestForm, BacktestReport } from '../../../views/backtest/page.tsx';

/** 规则回测 (HTML): by default the newest draft against the active set, this year to date. */
export const backtestRoutes = new Hono<AppEnv>().get('/', requireRole('backtest'), async (c) => {
  const q = pageQueryOf(c, BacktestQuerySchema);
  const b = await runBacktestFor(c.var.db, currentUser(c), q, c.var.t, c.var.lang, { draftFirst: true });
  const ui = uiOf(c);
  return respond(c, {
    title: c.var.t('bt.title'),
    crumbs: [{ label: c.var.t('bt.title') }],
    content: (
      <>
        <BacktestForm
          ui={ui}
          query={{ ...b.period, ruleSetId: b.result.ruleSet.id, compareWith: b.comparison?.against.ruleSet.id }}
          ruleSets={b.ruleSets}
          chosen={b.result.ruleSet.id}
          against={b.comparison?.against.ruleSet.id ?? null}
        />
        <BacktestReport ui={ui} backtest={b} />
      </>
    ),
  });
});
