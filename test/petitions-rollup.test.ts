import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { PETITION_CHANNELS } from '../src/domain/petitions/kinds.ts';
import { addDays } from '../src/domain/time.ts';
import { makeRng, type Rng } from '../scripts/seed/random.ts';
import { api, seedWorld, signIn } from './helpers.ts';

/**
 * The roll-ups equal a direct count of the petitions after random registrations, edits that move
 * a petition's court, day, channel, persons, lawyers or assistance, and deletions — all through the
 * real API, its services and D1.
 */
beforeAll(async () => {
  await seedWorld();
  await signIn('petition');
});

const COURTS = [2, 3, 4];
const DAYS = ['2020-01-30', '2020-01-31', '2020-02-01', '2020-02-29', '2020-03-01'];

function fields(r: Rng) {
  const channel = r.pick(PETITION_CHANNELS);
  const applied = r.chance(0.3);
  const approved = applied && r.chance(0.6);
  return {
    channel,
    courtId: r.pick(COURTS),
    receivedOn: r.pick(DAYS),
    persons: channel === 'group_visit' ? r.int(5, 30) : channel === 'visit' ? r.int(1, 4) : r.int(1, 3),
    lawyer: { interview: r.chance(0.3), representation: r.chance(0.2), resolution: r.chance(0.1) },
    assistance: { applied, approved, amount: approved ? r.int(1, 50) * 1000 : 0 },
  };
}

/** One change of a few fields at once, the channel with persons that fit it. */
function edit(r: Rng) {
  const f = fields(r);
  const picks: Record<string, unknown>[] = [
    { courtId: f.courtId },
    { receivedOn: f.receivedOn },
    { channel: f.channel, persons: f.persons },
    { lawyer: f.lawyer },
    { assistance: f.assistance },
    { courtId: f.courtId, receivedOn: f.receivedOn, channel: f.channel, persons: f.persons },
  ];
  return r.pick(picks);
}

async function tableRows(sql: string) {
  return (await env.DB.prepare(sql).all()).results;
}

const COLUMNS = `count(*) AS cases, sum(persons) AS persons, sum(lawyer_interview) AS lawyer_interview, sum(lawyer_representation) AS lawyer_representation,
  sum(lawyer_resolution) AS lawyer_resolution, sum(assistance_applied) AS assistance_applied, sum(assistance_approved) AS assistance_approved,
  sum(assistance_amount) AS assistance_amount`;
const ROLLUP = `cases, persons, lawyer_interview, lawyer_representation, lawyer_resolution, assistance_applied, assistance_approved, assistance_amount`;

describe('the daily and monthly roll-ups', () => {
  it('equal a direct count of the petitions after random inserts, edits and deletions through the API', async () => {
    const r = makeRng(20180930);
    const live: { id: string; version: number }[] = [];
    let inserts = 0;
    let edits = 0;
    let deletions = 0;
    for (let step = 0; step < 120; step++) {
      const roll = r.next();
      if (live.length < 5 || roll < 0.45) {
        const res = await api('POST', '/petitions', { as: 'petition', json: { ...fields(r), petitionerName: '卷积某', complaintType: 'other' } });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        live.push({ id: res.body.petition.id, version: 1 });
        inserts++;
      } else if (roll < 0.85) {
        const p = r.pick(live);
        const res = await api('PATCH', `/petitions/${p.id}`, { as: 'petition', json: { version: p.version, ...edit(r) } });
        // An edit the register refuses (a visit left with 5 persons) writes nothing; the roll-up must not move either.
        expect([200, 422], JSON.stringify(res.body)).toContain(res.status);
        if (res.status === 200) {
          p.version = res.body.petition.version;
          edits++;
        }
      } else {
        const p = live.splice(r.int(0, live.length - 1), 1)[0]!;
        const res = await api('DELETE', `/petitions/${p.id}`, { as: 'petition', json: { version: p.version } });
        expect(res.status).toBe(204);
        deletions++;
      }
    }
    expect(inserts).toBeGreaterThan(30);
    expect(edits).toBeGreaterThan(30);
    expect(deletions).toBeGreaterThan(5);

    const daily = await tableRows(`SELECT court_id, day, channel, ${ROLLUP} FROM petition_daily ORDER BY 1, 2, 3`);
    const direct = await tableRows(`SELECT court_id, received_on AS day, channel, ${COLUMNS} FROM petitions GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
    expect(daily).toEqual(direct);
    const monthly = await tableRows(`SELECT court_id, month, channel, ${ROLLUP} FROM petition_monthly ORDER BY 1, 2, 3`);
    const byMonth = await tableRows(`SELECT court_id, substr(received_on, 1, 7) AS month, channel, ${COLUMNS} FROM petitions GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
    expect(monthly).toEqual(byMonth);
    // And the statistics read them: the report's total is the register's count.
    const stats = await api('GET', `/stats?from=${DAYS[0]}&to=${addDays(DAYS.at(-1)!, 0)}`, { as: 'petition' });
    expect(stats.body.total.cases).toBe(live.length);
  });
});
