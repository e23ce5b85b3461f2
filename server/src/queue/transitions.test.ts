import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, FINAL_STATUSES, IllegalTransition, type TicketAction } from './transitions.ts';

describe('ticket transitions', () => {
  it('follows waiting → called → serving → done', () => {
    expect(canTransition('call', 'waiting')).toBe(true);
    expect(canTransition('start', 'called')).toBe(true);
    expect(canTransition('finish', 'serving')).toBe(true);
  });

  it('refuses every action on a finished ticket except rejoining after a no-show', () => {
    const actions: TicketAction[] = ['call', 'recall', 'start', 'park', 'finish', 'no_show', 'cancel', 'transfer', 'expire'];
    for (const status of FINAL_STATUSES) for (const action of actions) expect(canTransition(action, status)).toBe(false);
    expect(canTransition('rejoin', 'no_show')).toBe(true);
  });

  it('throws a 409 with a stable code', () => {
    expect(() => assertTransition('finish', 'waiting')).toThrow(IllegalTransition);
    try {
      assertTransition('recall', 'serving');
    } catch (err) {
      expect(err).toMatchObject({ status: 409, code: 'illegal_transition' });
    }
  });
});
