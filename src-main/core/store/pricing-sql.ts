/** Pricing statements shared by both stores. Seeding adds models the table lacks and never overwrites a user's edit. */
const COLUMNS = `model, provider, input, output, cache_write_5m, cache_write_1h, cache_read, long_context_threshold,
  long_context_input, long_context_output, web_search_per_use, max_output_tokens, source_date`;
const VALUES = `@model, @provider, @input, @output, @cache_write_5m, @cache_write_1h, @cache_read, @long_context_threshold,
  @long_context_input, @long_context_output, @web_search_per_use, @max_output_tokens, @source_date`;
const UPDATES = COLUMNS.split(',')
  .map((c) => c.trim())
  .filter((c) => c !== 'model')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

export const pricingSql = {
  list: `SELECT ${COLUMNS} FROM pricing ORDER BY provider, model`,
  upsert: `INSERT INTO pricing (${COLUMNS}, updated_at) VALUES (${VALUES}, @now) ON CONFLICT (model) DO UPDATE SET ${UPDATES}, updated_at = excluded.updated_at`,
  updatedAt: 'SELECT MAX(updated_at) AS at FROM pricing',
  seed: `INSERT INTO pricing (${COLUMNS}, updated_at) VALUES (${VALUES}, @now) ON CONFLICT (model) DO NOTHING`,
};
