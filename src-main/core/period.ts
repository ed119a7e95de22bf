/**
 * Calendar periods in a budget's own time zone: a daily budget resets at local midnight, a weekly
 * one on Monday, a monthly one on the 1st, whatever zone the machine runs in.
 */
import type { Period } from './store/types.js';

interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  weekday: number; // 0 = Monday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function partsAt(time: number, timeZone: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(time)) parts[part.type] = part.value;
  return parts;
}

function wallClock(time: number, timeZone: string): WallClock {
  const p = partsAt(time, timeZone);
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), weekday: WEEKDAYS.indexOf(p.weekday) };
}

/** Milliseconds the zone is ahead of UTC at `time`. */
function offsetAt(time: number, timeZone: string): number {
  const p = partsAt(time, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(time / 1000) * 1000;
}

/** The instant a local midnight falls on (twice-corrected for DST changes around it). */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day);
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Start of the period containing `now`; `total` has one period starting at the epoch. */
export function periodStart(period: Period, timeZone: string, now: number): number {
  if (period === 'total') return 0;
  const wall = wallClock(now, timeZone);
  if (period === 'monthly') return localMidnight(wall.year, wall.month, 1, timeZone);
  const back = period === 'weekly' ? wall.weekday : 0;
  const day = new Date(Date.UTC(wall.year, wall.month - 1, wall.day - back));
  return localMidnight(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), timeZone);
}

/** When the period that started at `start` ends; null for `total`. */
export function periodEnd(period: Period, timeZone: string, start: number): number | null {
  if (period === 'total') return null;
  const wall = wallClock(start + 12 * 3_600_000, timeZone);
  const next =
    period === 'monthly'
      ? new Date(Date.UTC(wall.year, wall.month, 1))
      : new Date(Date.UTC(wall.year, wall.month - 1, wall.day + (period === 'weekly' ? 7 : 1)));
  return localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
}

export interface Window {
  start: number;
  end: number | null;
}

const windows = new Map<string, Window>();

/**
 * The current period's start, cached per rule and zone until it ends: admission runs this on
 * every request, and Intl formatting is the slowest part of it.
 */
export function currentPeriod(period: Period, timeZone: string, now: number): Window {
  const key = `${period}|${timeZone}`;
  const cached = windows.get(key);
  if (cached && now >= cached.start && (cached.end === null || now < cached.end)) return cached;
  const start = periodStart(period, timeZone, now);
  const window = { start, end: periodEnd(period, timeZone, start) };
  windows.set(key, window);
  return window;
}

export function currentPeriodStart(period: Period, timeZone: string, now: number): number {
  return currentPeriod(period, timeZone, now).start;
}
