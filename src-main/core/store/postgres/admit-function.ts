/**
 * Admission in team mode: one PL/pgSQL function, so a reservation is one statement and one round
 * trip. It locks the budget row (and the global-cap row, in id order so two admissions never
 * deadlock), rolls the period forward when the caller computed a later start, and then decides with
 * the same arithmetic as `ledger/cost-plan.ts`: the worst case if it fits the smallest room (budget,
 * global cap, session cap), else the clamped output when the budget allows it, else a refusal that
 * is recorded as a blocked row. Each statement inside reads the latest committed rows (READ
 * COMMITTED), so the session sum taken after the lock includes every earlier admission.
 * It answers `{"stale": true}` when the budget's period rule changed since the caller read it.
 */
export const ADMIT_FUNCTION = String.raw`
CREATE OR REPLACE FUNCTION agent_budget_admit(p JSONB) RETURNS JSONB LANGUAGE plpgsql AS $fn$
DECLARE
  b budgets%ROWTYPE;
  g budgets%ROWTYPE;
  v_budget BIGINT := (p->>'budget_id')::bigint;
  v_global BIGINT := (p->>'global_id')::bigint;
  fixed BIGINT := (p->>'fixed')::bigint;
  picos NUMERIC := (p->>'picos')::numeric;
  min_out BIGINT := (p->>'min_out')::bigint;
  now_ms BIGINT := (p->>'now')::bigint;
  v_session TEXT := p->>'session_id';
  paused BOOLEAN := (p->>'paused')::boolean;
  worst BIGINT := (p->>'fixed')::bigint + CEIL((p->>'max_out')::numeric * (p->>'picos')::numeric / 1000000);
  budget_room NUMERIC;
  global_room NUMERIC;
  session_room NUMERIC;
  session_used BIGINT;
  room NUMERIC;
  reserve BIGINT;
  clamped BIGINT;
  tokens NUMERIC;
  usage_id BIGINT;
BEGIN
  IF v_global IS NOT NULL AND v_global < v_budget THEN
    SELECT * INTO g FROM budgets WHERE id = v_global FOR UPDATE;
  END IF;
  SELECT * INTO b FROM budgets WHERE id = v_budget FOR UPDATE;
  IF NOT FOUND OR b.period <> p->>'period' OR b.timezone <> p->>'timezone' THEN
    RETURN jsonb_build_object('stale', true);
  END IF;
  IF v_global IS NOT NULL AND v_global > v_budget THEN
    SELECT * INTO g FROM budgets WHERE id = v_global FOR UPDATE;
  END IF;
  IF v_global IS NOT NULL AND (g.id IS NULL OR g.period <> p->>'global_period' OR g.timezone <> p->>'global_timezone') THEN
    RETURN jsonb_build_object('stale', true);
  END IF;

  -- Periods only move forward: an instance whose clock lags never zeroes a newer period's spend.
  IF (p->>'period_start')::bigint > b.period_start THEN
    UPDATE budgets SET period_start = (p->>'period_start')::bigint, spent_micros = 0 WHERE id = b.id RETURNING * INTO b;
  END IF;
  IF v_global IS NOT NULL AND (p->>'global_period_start')::bigint > g.period_start THEN
    UPDATE budgets SET period_start = (p->>'global_period_start')::bigint, spent_micros = 0 WHERE id = g.id RETURNING * INTO g;
  END IF;

  IF b.max_session_micros IS NOT NULL AND v_session IS NOT NULL THEN
    SELECT COALESCE(SUM(CASE WHEN status = 'pending' THEN reserved_micros ELSE cost_micros END), 0) INTO session_used
      FROM usage WHERE usage.budget_id = b.id AND session_id = v_session AND period_start = b.period_start AND status <> 'blocked';
    session_room := b.max_session_micros - session_used;
  END IF;
  budget_room := CASE WHEN b.max_micros IS NOT NULL THEN b.max_micros - b.spent_micros - b.reserved_micros END;
  global_room := CASE WHEN v_global IS NOT NULL AND g.max_micros IS NOT NULL THEN g.max_micros - g.spent_micros - g.reserved_micros END;
  room := LEAST(budget_room, global_room, session_room);

  IF paused THEN
    reserve := NULL;
  ELSIF room IS NULL OR worst <= room THEN
    reserve := worst;
  ELSIF b.clamp_max_tokens <> 0 AND min_out IS NOT NULL AND picos > 0 THEN
    tokens := FLOOR((room - fixed) * 1000000 / picos);
    IF tokens >= min_out THEN
      clamped := tokens;
      reserve := fixed + CEIL(tokens * picos / 1000000);
    END IF;
  END IF;

  IF reserve IS NULL THEN
    INSERT INTO usage (budget_id, global_id, provider, model, status, reserved_micros, stream, price_inferred, session_id, project,
        auth_kind, source, period_start, global_period_start, instance_id, created_at)
      VALUES (b.id, v_global, p->>'provider', p->>'model', 'blocked', worst, (p->>'stream')::int, (p->>'price_inferred')::int, v_session,
        p->>'project', p->>'auth_kind', 'proxy', b.period_start, g.period_start, p->>'instance_id', now_ms);
    INSERT INTO usage_hourly (budget_id, hour, provider, model, source, requests, blocked)
      VALUES (b.id, now_ms / 3600000, p->>'provider', p->>'model', 'proxy', 0, 1)
      ON CONFLICT (budget_id, hour, provider, model, source) DO UPDATE SET blocked = usage_hourly.blocked + 1;
    RETURN jsonb_build_object('ok', false, 'worst', worst, 'session_used', session_used, 'budget', to_jsonb(b),
      'global', CASE WHEN v_global IS NOT NULL THEN to_jsonb(g) END,
      'reason', CASE WHEN paused THEN 'paused' WHEN budget_room < worst THEN 'budget' WHEN session_room < worst THEN 'session' ELSE 'global' END);
  END IF;

  UPDATE budgets SET reserved_micros = reserved_micros + reserve WHERE id = b.id RETURNING * INTO b;
  IF v_global IS NOT NULL THEN
    UPDATE budgets SET reserved_micros = reserved_micros + reserve WHERE id = g.id;
  END IF;
  INSERT INTO usage (budget_id, global_id, provider, model, status, reserved_micros, stream, price_inferred, clamped_max_tokens, session_id,
      project, auth_kind, source, period_start, global_period_start, instance_id, lease_expires_at, created_at)
    VALUES (b.id, v_global, p->>'provider', p->>'model', 'pending', reserve, (p->>'stream')::int, (p->>'price_inferred')::int, clamped, v_session,
      p->>'project', p->>'auth_kind', 'proxy', b.period_start, g.period_start, p->>'instance_id', (p->>'lease_until')::bigint, now_ms)
    RETURNING id INTO usage_id;
  RETURN jsonb_build_object('ok', true, 'reservation_id', usage_id, 'reserve', reserve, 'clamped', clamped, 'budget', to_jsonb(b));
END
$fn$`;
