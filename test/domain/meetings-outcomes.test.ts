import { describe, expect, it } from 'vitest';
import type { AgendaItemKind } from '../../src/domain/meetings/agenda.ts';
import { checkItemOutcome, finalizeEffects, undecidedItems } from '../../src/domain/meetings/outcomes.ts';
import { applyAction, RESOLUTION_OUTCOMES } from '../../src/domain/warnings/state-machine.ts';

const warningItem = (id: string) => ({ id, kind: 'warning' as AgendaItemKind });

describe('item outcomes', () => {
  it('is follow-up when none is given', () => {
    expect(checkItemOutcome({})).toEqual({ ok: true, outcome: 'follow_up', resolutionOutcome: null });
    expect(checkItemOutcome({ outcome: null })).toEqual({ ok: true, outcome: 'follow_up', resolutionOutcome: null });
  });

  it('resolved needs one of the resolution outcomes of the warning', () => {
    expect(checkItemOutcome({ outcome: 'resolved' })).toEqual({ ok: false, error: 'resolution_outcome_required' });
    expect(checkItemOutcome({ outcome: 'resolved', resolutionOutcome: 'settled' })).toEqual({ ok: false, error: 'resolution_outcome_required' });
    for (const resolutionOutcome of RESOLUTION_OUTCOMES) {
      expect(checkItemOutcome({ outcome: 'resolved', resolutionOutcome })).toEqual({ ok: true, outcome: 'resolved', resolutionOutcome });
    }
  });

  it('drops a resolution outcome left over on any other outcome', () => {
    expect(checkItemOutcome({ outcome: 'carry_over', resolutionOutcome: 'mediated' })).toEqual({ ok: true, outcome: 'carry_over', resolutionOutcome: null });
  });

  it('counts the items the minutes cannot be finalized without', () => {
    const items = [
      // A standard item has no outcome and needs no decision.
      { id: 'i-data', kind: 'data_report' as AgendaItemKind },
      { ...warningItem('a'), outcome: 'resolved' as const, decision: '' },
      { ...warningItem('b'), decision: null },
      { ...warningItem('c'), outcome: 'carry_over' as const },
      { ...warningItem('d'), outcome: 'withdrawn' as const },
      { ...warningItem('e'), outcome: 'follow_up' as const, decision: '由民一庭继续做好释法析理工作' },
    ];
    expect(undecidedItems(items)).toBe(2);
  });
});

describe('finalizing: what each outcome does to its warning', () => {
  it('follow-up → in_followup; resolved → resolved with its outcome; carry-over → back to the pool, counted; withdrawn → back to the petition office', () => {
    const result = finalizeEffects([
      { warningId: 'w-1', carryOvers: 0 },
      { warningId: 'w-2', outcome: 'resolved', resolutionOutcome: 'judicial_assistance', carryOvers: 1 },
      { warningId: 'w-3', outcome: 'carry_over', carryOvers: 1 },
      { warningId: 'w-4', outcome: 'withdrawn', carryOvers: 2 },
    ]);
    expect(result).toEqual({
      ok: true,
      effects: [
        { warningId: 'w-1', outcome: 'follow_up', actions: ['follow_up'], state: 'in_followup', resolutionOutcome: null, carryOvers: 0 },
        { warningId: 'w-2', outcome: 'resolved', actions: ['follow_up', 'resolve'], state: 'resolved', resolutionOutcome: 'judicial_assistance', carryOvers: 1 },
        { warningId: 'w-3', outcome: 'carry_over', actions: ['unschedule'], state: 'proposed', resolutionOutcome: null, carryOvers: 2 },
        { warningId: 'w-4', outcome: 'withdrawn', actions: ['unschedule', 'withdraw_proposal'], state: 'acknowledged', resolutionOutcome: null, carryOvers: 2 },
      ],
    });
  });

  it('the carry-over count travels with the warning from meeting to meeting', () => {
    let carryOvers = 0;
    for (let meeting = 0; meeting < 3; meeting++) {
      const result = finalizeEffects([{ warningId: 'w-9', outcome: 'carry_over', carryOvers }]);
      if (!result.ok) throw new Error('expected effects');
      carryOvers = result.effects[0]!.carryOvers;
      // Back in the pool, it can be scheduled for the next meeting.
      expect(applyAction(result.effects[0]!.state, 'schedule')).toEqual({ ok: true, state: 'scheduled' });
    }
    expect(carryOvers).toBe(3);
  });

  it('refuses the whole set when a resolved item has no resolution outcome, naming the warning', () => {
    expect(finalizeEffects([{ warningId: 'w-1', carryOvers: 0 }, { warningId: 'w-2', outcome: 'resolved', carryOvers: 0 }])).toEqual({
      ok: false,
      error: 'resolution_outcome_required',
      warningId: 'w-2',
    });
  });
});
