import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src-shared/api.js';
import { describeReset, NotificationGate, notificationForAlert, wantsNotification } from '../../src-main/desktop/notifications.js';
import { DEFAULT_SETTINGS } from '../../src-main/desktop/settings-schema.js';

const NOW = Date.parse('2026-11-23T15:30:00Z');

function alert(fields: Partial<Alert> = {}): Alert {
  return {
    id: 7,
    budget_id: 2,
    budget_name: 'my-agents',
    threshold: 80,
    spent_dollars: 20.4,
    max_dollars: 25,
    period_start: '2026-11-23T00:00:00.000Z',
    created_at: '2026-11-23T15:29:59.000Z',
    deliveries: [],
    ...fields,
  };
}

describe('alert notifications', () => {
  it('name the budget, spend, cap and reset time, and open that budget', () => {
    expect(notificationForAlert(alert(), '2026-11-24T00:00:00.000Z', NOW, 'UTC')).toEqual({
      title: 'my-agents reached 80% of its budget',
      body: 'Spent $20.40 of $25.00 (81%) — resets tomorrow at 00:00.',
      route: '/budgets/2',
    });
  });

  it('say that requests are refused at 100%', () => {
    const spec = notificationForAlert(alert({ threshold: 100, spent_dollars: 24.9 }), '2026-12-01T00:00:00.000Z', NOW, 'UTC');
    expect(spec.title).toBe('my-agents is out of budget');
    expect(spec.body).toBe('Spent $24.90 of $25.00 (99%); requests are refused until it resets Tue 1 Dec at 00:00.');
  });

  it('describe resets today, tomorrow, later, and total budgets in the given time zone', () => {
    expect(describeReset('2026-11-23T23:00:00.000Z', NOW, 'UTC')).toBe('resets today at 23:00');
    expect(describeReset('2026-11-23T23:00:00.000Z', NOW, 'Europe/Berlin')).toBe('resets tomorrow at 00:00');
    expect(describeReset('2026-11-30T00:00:00.000Z', NOW, 'UTC')).toBe('resets Mon 30 Nov at 00:00');
    expect(describeReset(null, NOW, 'UTC')).toBe('a total budget, it does not reset');
    expect(notificationForAlert(alert({ threshold: 100 }), null, NOW, 'UTC').body).toContain('refused until it is raised');
  });

  it('follow the per-threshold switches', () => {
    const settings = { ...DEFAULT_SETTINGS, notifications: { '50': false, '80': true, '100': true } };
    expect(wantsNotification(alert({ threshold: 50 }), settings)).toBe(false);
    expect(wantsNotification(alert({ threshold: 80 }), settings)).toBe(true);
  });
});

describe('notification gate', () => {
  it('lets each alert through once', () => {
    const gate = new NotificationGate();
    expect(gate.admit(1, NOW)).toBe(true);
    expect(gate.admit(1, NOW + 1)).toBe(false);
    expect(gate.admit(2, NOW + 2)).toBe(true);
  });

  it('holds a burst to its limit per window, then lets new alerts through again', () => {
    const gate = new NotificationGate(3, 60_000);
    const burst = Array.from({ length: 10 }, (_, i) => gate.admit(100 + i, NOW + i));
    expect(burst.filter(Boolean)).toHaveLength(3);
    expect(gate.admit(200, NOW + 59_000)).toBe(false);
    expect(gate.admit(201, NOW + 60_001)).toBe(true);
  });
});
