import { createApp } from './app.tsx';
import type { Bindings } from './env.ts';
import { current, type QueueMessage } from './services/job-queue.ts';
import { enqueueDailyRescore, rescoreStep } from './services/rescore.ts';
import { simulationStep } from './services/simulations.ts';
import { escalateOverdueRedWarnings } from './services/warnings.ts';
import { runDailyActionItems } from './services/notifications.ts';

const app = createApp();

export default {
  fetch: app.fetch,

  /**
   * Re-scoring and simulation chunks: each message is one read round trip and one db.batch()
   * (more only when someone else wrote its cases meanwhile); a failed one is retried by the queue.
   */
  async queue(batch: MessageBatch<QueueMessage>, env: Bindings, _ctx: ExecutionContext): Promise<void> {
    for (const msg of batch.messages) {
      const body = current(msg.body);
      try {
        if (body.kind === 'simulation') await simulationStep(env.DB, env.RESCORE_QUEUE, body);
        else await rescoreStep(env.DB, env.RESCORE_QUEUE, body);
        msg.ack();
      } catch (err) {
        console.error(`${body.kind} ${body.jobId}: chunk failed (attempt ${msg.attempts}), will retry`, err);
        msg.retry({ delaySeconds: 5 });
      }
    }
  },

  /**
   * The daily run: re-score cases crossing a time boundary, escalate overdue red warnings, mark
   * overdue action items and tell their owners of items overdue and due within three days.
   */
  async scheduled(controller: ScheduledController, env: Bindings, _ctx: ExecutionContext): Promise<void> {
    const now = new Date(controller.scheduledTime);
    const job = await enqueueDailyRescore(env.DB, env.RESCORE_QUEUE, now);
    const escalated = await escalateOverdueRedWarnings(env.DB, now);
    const items = await runDailyActionItems(env.DB, now);
    console.log(
      `daily run: ${job.total} cases to re-score (job ${job.jobId}), ${escalated} overdue red warnings escalated, ` +
        `${items.markedOverdue} action items newly overdue, ${items.notified} notifications`,
    );
  },
} satisfies ExportedHandler<Bindings, QueueMessage>;
