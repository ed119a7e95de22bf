/**
 * The connection pool to the team's PostgreSQL. BIGINT and NUMERIC come back as JavaScript numbers:
 * every amount the store holds is integer micro-dollars well inside 2^53.
 */
import pg from 'pg';

const INT8 = 20;
const NUMERIC = 1700;

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

export function createPool(url: string): PgPool {
  const parsers: Record<number, (value: string) => unknown> = { [INT8]: Number, [NUMERIC]: Number };
  return new pg.Pool({
    connectionString: url,
    max: 16,
    // Fail fast and clearly when the database is unreachable rather than hang a request.
    connectionTimeoutMillis: 5_000,
    types: { getTypeParser: (oid: number, format?: string) => parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text') },
  });
}

/** `@name` parameters (as the shared SQL is written) → PostgreSQL's `$n`, with values in order. */
export function named(sql: string, params: Record<string, unknown> = {}): { text: string; values: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/@([a-zA-Z_]\w*)/g, (_, name: string) => {
    let index = order.indexOf(name);
    if (index === -1) index = order.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text, values: order.map((name) => params[name] ?? null) };
}

/** Runs a query with `@name` parameters and returns its rows. */
export async function rows<T>(db: PgPool | PgClient, sql: string, params?: Record<string, unknown>): Promise<T[]> {
  return (await db.query(named(sql, params))).rows as T[];
}
