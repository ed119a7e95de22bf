/**
 * The agents view's query parameters (validated here, as schemas.ts does for the rest of the API)
 * and the range they name: `range=today|7d|30d|90d|month|all` or `from`/`to` (ms), with the
 * viewer's `tz` (IANA) or `offset_minutes`, so that "today" and the days start at their midnight.
 */
import { z } from 'zod';
import { AGENT_VIEW_IDS, type AgentViewId, RANGE_KEYS, type RangeKey, SESSION_SORTS, type ViewRange } from '../../../src-shared/agent-views.js';
import { logSourceOf } from '../../../src-shared/agents.js';
import { isValidTimeZone } from '../period.js';
import type { PageRequest, Scope } from '../store/agent-views.js';
import { HOUR_MS } from '../store/usage-sql.js';

export const DAY_MS = 86_400_000;
const MAX_OFFSET_MINUTES = 840;

export const AgentParams = z.object({ agent: z.enum(AGENT_VIEW_IDS as [AgentViewId, ...AgentViewId[]], { error: `must be one of ${AGENT_VIEW_IDS.join(', ')}` }) });

const time = z.coerce.number().int().min(0).max(8.64e15);

export const RangeQuery = z
  .object({
    range: z.enum(RANGE_KEYS as [RangeKey, ...RangeKey[]], { error: `must be one of ${RANGE_KEYS.join(', ')}` }).optional(),
    from: time.optional(),
    to: time.optional(),
    tz: z.string().refine(isValidTimeZone, 'is not a known IANA time zone (e.g. Europe/Berlin)').optional(),
    offset_minutes: z.coerce.number().int().min(-MAX_OFFSET_MINUTES).max(MAX_OFFSET_MINUTES).optional(),
    format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional(),
  })
  .refine((q) => q.range === undefined || (q.from === undefined && q.to === undefined), { error: 'give either range or from/to, not both', path: ['range'] })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { error: 'must be after from', path: ['to'] });

export type RangeInput = z.infer<typeof RangeQuery>;

export const PageQuery = z.object({
  sort: z.enum(SESSION_SORTS as [PageRequest['sort'], ...PageRequest['sort'][]], { error: `must be one of ${SESSION_SORTS.join(', ')}` }).default('cost'),
  order: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).default('desc'),
  limit: z.coerce.number().int().min(1).max(10_000).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ProjectFilter = z.object({ project: z.string().min(1).max(4096).optional() });
export const DailyQuery = z.object({ group: z.enum(['project', 'model'], { error: 'must be project or model' }).default('project') });

/** Minutes a zone is ahead of UTC at `time` ("GMT+05:30" → 330). */
function zoneOffsetMinutes(timeZone: string, time: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(time).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

const LAST_DAYS: Partial<Record<RangeKey, number>> = { today: 1, '7d': 7, '30d': 30, '90d': 90 };

/** The range a query names, as of `now`; without one, the last 30 days. */
export function resolveRange(input: RangeInput, now: number): ViewRange {
  const offsetMinutes = input.tz ? zoneOffsetMinutes(input.tz, now) : (input.offset_minutes ?? 0);
  const offset = offsetMinutes * 60_000;
  if (input.from !== undefined || input.to !== undefined) {
    return { range: null, from: input.from ?? 0, to: input.to ?? now, offset_minutes: offsetMinutes };
  }
  const range = input.range ?? '30d';
  const todayStart = Math.floor((now + offset) / DAY_MS) * DAY_MS - offset;
  let from = 0;
  if (range === 'month') {
    const local = new Date(now + offset);
    from = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - offset;
  } else if (range !== 'all') {
    from = todayStart - (LAST_DAYS[range]! - 1) * DAY_MS;
  }
  return { range, from, to: now, offset_minutes: offsetMinutes };
}

/** The range of equal length just before; none before "all time". */
export function previousRange(range: ViewRange): { from: number; to: number } | null {
  if (range.range === 'all' || range.from === 0) return null;
  return { from: Math.max(0, range.from - (range.to - range.from)), to: range.from };
}

/** The usage rows an agent's view covers: its logs, or the proxy's own records. */
export const sourceOf = (agent: AgentViewId) => (agent === 'proxy' ? 'proxy' : logSourceOf(agent));

/** The store's scope for a range: whole hours, the one in progress included. */
export function scopeOf(agent: AgentViewId, range: { from: number; to: number }, extra: Partial<Scope> = {}): Scope {
  return { source: sourceOf(agent), fromHour: Math.floor(range.from / HOUR_MS), toHour: Math.ceil(range.to / HOUR_MS), ...extra };
}
