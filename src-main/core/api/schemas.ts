/** Input shapes of the admin API; every message names the field and says what is wrong. */
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { isValidTimeZone } from '../period.js';
import { PERIODS } from '../store/types.js';

export const budgetName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may contain letters, digits, dots, dashes and underscores, starting with a letter or digit')
  .refine((name) => !/^\d+$/.test(name), 'may not be all digits (numbers are budget ids)');

const dollars = z.number({ error: 'must be a number of dollars' }).finite().positive('must be greater than 0').max(1_000_000_000, 'is too large');
const period = z.enum(PERIODS as [string, ...string[]], { error: `must be one of ${PERIODS.join(', ')}` });
const timezone = z.string().refine(isValidTimeZone, 'is not a known IANA time zone (e.g. Europe/Berlin)');
const webhookUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048);

export const BudgetCreate = z.strictObject({
  name: budgetName,
  max_dollars: dollars.nullable(),
  period: period.optional(),
  timezone: timezone.optional(),
  webhook_url: webhookUrl.nullable().optional(),
  clamp_max_tokens: z.boolean({ error: 'must be true or false' }).optional(),
  max_dollars_per_session: dollars.nullable().optional(),
  watch_project: z.string().trim().max(4096).refine(isAbsolute, 'must be an absolute folder path').nullable().optional(),
});

export const BudgetPatch = BudgetCreate.partial();

export const PricePut = z.strictObject({
  model: z.string().trim().min(1, 'is required').max(200),
  provider: z.enum(['anthropic', 'openai', 'gemini'], { error: 'must be anthropic, openai or gemini' }),
  input_per_mtok: z.number().finite().nonnegative(),
  output_per_mtok: z.number().finite().nonnegative(),
  cache_write_5m_per_mtok: z.number().finite().nonnegative().optional(),
  cache_write_1h_per_mtok: z.number().finite().nonnegative().optional(),
  cache_read_per_mtok: z.number().finite().nonnegative().optional(),
  long_context_threshold: z.number().int().positive().nullable().optional(),
  long_context_input_per_mtok: z.number().finite().nonnegative().nullable().optional(),
  long_context_output_per_mtok: z.number().finite().nonnegative().nullable().optional(),
  web_search_per_use_dollars: z.number().finite().nonnegative().optional(),
  max_output_tokens: z.number().int().positive().optional(),
  source_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').optional(),
});

export const SettingsPut = z.strictObject({
  auto_create_budgets: z.boolean().optional(),
  retention_days: z.number().int().min(1, 'must be at least 1 day').max(36_500).optional(),
  default_max_dollars: dollars.nullable().optional(),
  default_period: period.optional(),
  global_max_dollars: dollars.nullable().optional(),
  global_period: period.optional(),
  fail_open: z.boolean().optional(),
  allowed_origins: z.array(z.url().max(200)).max(50).optional(),
});

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const UsageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  status: z.enum(['ok', 'error', 'aborted', 'blocked', 'interrupted']).optional(),
  model: z.string().max(200).optional(),
  estimated: flag.optional(),
});

export const TimeseriesQuery = z.object({
  bucket: z.enum(['hour', 'day']).default('hour'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  offset_minutes: z.coerce.number().int().min(-840).max(840).default(0),
});
