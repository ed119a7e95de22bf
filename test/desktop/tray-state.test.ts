import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src-main/desktop/settings-schema.js';
import { setupSnippet } from '../../src-main/desktop/tray/setup-snippets.js';
import { trayMenuTemplate, type TrayActions } from '../../src-main/desktop/tray/tray-menu.js';
import type { AgentLogStatus } from '../../src-shared/agents.js';
import { trayState, type TrayInput } from '../../src-main/desktop/tray/tray-state.js';
import { budgetJson } from './budgets.js';
import { click, menuItem } from './fake-electron.js';

const agents = budgetJson({ id: 2, name: 'my-agents', spent_dollars: 12.4, max_dollars: 25 });
const ci = budgetJson({ id: 3, name: 'ci', spent_dollars: 3.1, max_dollars: null, period: 'monthly' });

function input(fields: Partial<TrayInput> = {}): TrayInput {
  return { budgets: [agents, ci], todayMicros: 15_500_000, todayByProvider: [{ name: 'anthropic', cost_micros: 15_500_000 }], paused: false, figure: 'today', refusedIn: new Map(), imports: [], ...fields };
}

const reading: AgentLogStatus = {
  agent: 'claude-code', roots: ['/home/u/.claude/projects'], state: 'reading', files: 780, files_read: 312, bytes_total: 485_000_000, bytes_read: 212_400_000,
  requests: 76_120, requests_this_pass: 76_120, malformed_lines: 0, unpriced_models: [], last_import_at: null, last_change_at: 1,
};

describe('tray state', () => {
  it('shows how far reading an agent’s logs has got while it reads, and nothing once it is done', () => {
    const lines = trayState(input({ imports: [reading] })).tooltip.split('\n');
    expect(lines.at(-1)).toBe('Reading Claude Code logs: 212 of 485 MB (43%), 76,120 requests so far');
    expect(trayState(input({ imports: [{ ...reading, state: 'watching', bytes_read: reading.bytes_total }] })).tooltip).toBe(trayState(input()).tooltip);
  });

  it("shows today's spend across budgets by default, with every budget in the tooltip", () => {
    const state = trayState(input());
    expect(state.title).toBe('$15.50');
    expect(state.level).toBe('normal');
    expect(state.tooltip.split('\n')).toEqual([
      'agent-budget: $15.50 spent today across all budgets',
      'my-agents  $12.40 / $25.00 daily',
      'ci  $3.10 monthly, no cap',
    ]);
  });

  it('splits today by provider in the tooltip once more than one provider was used', () => {
    const byProvider = [{ name: 'anthropic', cost_micros: 12_000_000 }, { name: 'openai', cost_micros: 3_500_000 }, { name: 'gemini', cost_micros: 200_000 }];
    expect(trayState(input({ todayByProvider: byProvider })).tooltip.split('\n')[1]).toBe('Anthropic $12.00 · OpenAI $3.50 · Gemini $0.20');
  });

  it("shows one budget's spend, named, when that figure is chosen; an unknown budget falls back to today", () => {
    const state = trayState(input({ figure: 'budget:my-agents' }));
    expect(state.title).toBe('my-agents $12.40');
    expect(state.amountMicros).toBe(12_400_000);
    expect(state.tooltip.split('\n')[0]).toBe('agent-budget: my-agents has spent $12.40 this period');
    expect(trayState(input({ figure: 'budget:gone' })).title).toBe('$15.50');
  });

  it('turns warning at 80% of a cap and exhausted at the cap, following the worst budget', () => {
    expect(trayState(input({ budgets: [budgetJson({ id: 1, name: 'a', spent_dollars: 19.99 })] })).level).toBe('normal');
    expect(trayState(input({ budgets: [agents, budgetJson({ id: 1, name: 'a', spent_dollars: 20 })] })).level).toBe('warning');
    expect(trayState(input({ budgets: [budgetJson({ id: 1, name: 'a', spent_dollars: 25 }), budgetJson({ id: 4, name: 'b', spent_dollars: 21 })] })).level).toBe('exhausted');
  });

  it('counts a budget that refused a request this period as exhausted, but not one refused in an earlier period', () => {
    const nearlyFull = budgetJson({ id: 1, name: 'a', spent_dollars: 24.9 });
    expect(trayState(input({ budgets: [nearlyFull], refusedIn: new Map([[1, nearlyFull.period_start]]) })).level).toBe('exhausted');
    expect(trayState(input({ budgets: [nearlyFull], refusedIn: new Map([[1, '2026-11-22T00:00:00.000Z']]) })).level).toBe('warning');
  });

  it('shows red and says so while the proxy is paused', () => {
    const state = trayState(input({ paused: true }));
    expect(state.level).toBe('exhausted');
    expect(state.tooltip).toContain('Paused: every metered request is refused');
  });
});

function recordingActions() {
  return { openDashboard: vi.fn(), setPaused: vi.fn(), copySetup: vi.fn(), updateSettings: vi.fn(), editSettingsFile: vi.fn(), checkForUpdates: vi.fn(), installUpdate: vi.fn(), quit: vi.fn() } satisfies TrayActions;
}

const IDLE = { state: 'idle' } as const;

describe('tray menu', () => {
  it('lists each budget, then the actions, in order', () => {
    const template = trayMenuTemplate({ budgets: [agents, ci], paused: false, settings: DEFAULT_SETTINGS, update: IDLE }, recordingActions());
    expect(template.filter((item) => item.type !== 'separator').map((item) => item.label)).toEqual([
      'my-agents  $12.40 / $25.00 daily',
      'ci  $3.10 monthly, no cap',
      'Open dashboard',
      'Pause proxy',
      'Copy setup for Claude Code',
      'Copy setup for Codex CLI',
      'Copy setup for Gemini CLI',
      'Copy setup for Python SDK',
      'Copy setup for TypeScript SDK',
      'Show in tray',
      'Notifications',
      'Port 4727: edit settings file…',
      'Launch at login',
      'Check for updates',
      'Check for updates automatically',
      'Quit agent-budget',
    ]);
  });

  it('routes every click to its action', () => {
    const actions = recordingActions();
    const template = trayMenuTemplate({ budgets: [agents], paused: false, settings: DEFAULT_SETTINGS, update: IDLE }, actions);
    click(menuItem(template, 'my-agents  $12.40 / $25.00 daily'));
    expect(actions.openDashboard).toHaveBeenLastCalledWith('/budgets/2');
    click(menuItem(template, 'Open dashboard'));
    expect(actions.openDashboard).toHaveBeenLastCalledWith();
    click(menuItem(template, 'Pause proxy'));
    expect(actions.setPaused).toHaveBeenCalledWith(true);
    click(menuItem(menuItem(template, 'Copy setup for Python SDK').submenu as never, 'my-agents'));
    expect(actions.copySetup).toHaveBeenCalledWith('python', 'my-agents');
    click(menuItem(template, 'Launch at login'));
    expect(actions.updateSettings).toHaveBeenLastCalledWith({ launchAtLogin: true });
    click(menuItem(template, 'At 80% of a budget'));
    expect(actions.updateSettings).toHaveBeenLastCalledWith({ notifications: { '50': true, '80': false, '100': true } });
    click(menuItem(template, 'Check for updates'));
    expect(actions.checkForUpdates).toHaveBeenCalled();
    click(menuItem(template, 'Check for updates automatically'));
    expect(actions.updateSettings).toHaveBeenLastCalledWith({ autoUpdate: false });
    click(menuItem(template, 'Quit agent-budget'));
    expect(actions.quit).toHaveBeenCalled();
  });

  it('follows the update: checking, downloading, then an item that restarts to install it', () => {
    const actions = recordingActions();
    const menu = (update: Parameters<typeof trayMenuTemplate>[0]['update']) => trayMenuTemplate({ budgets: [agents], paused: false, settings: DEFAULT_SETTINGS, update }, actions);
    expect(menuItem(menu({ state: 'checking' }), 'Checking for updates…').enabled).toBe(false);
    expect(menuItem(menu({ state: 'downloading', version: '0.2.0' }), 'Downloading agent-budget 0.2.0…').enabled).toBe(false);
    const ready = menu({ state: 'ready', version: '0.2.0' });
    expect(menuItem(ready, 'Check for updates')).toBeUndefined();
    click(menuItem(ready, 'Restart to install agent-budget 0.2.0'));
    expect(actions.installUpdate).toHaveBeenCalled();
  });

  it('offers Resume while paused, and checks the current tray figure and login setting', () => {
    const actions = recordingActions();
    const settings = { ...DEFAULT_SETTINGS, trayFigure: 'budget:my-agents' as const, launchAtLogin: true };
    const template = trayMenuTemplate({ budgets: [agents], paused: true, settings, update: IDLE }, actions);
    click(menuItem(template, 'Resume proxy'));
    expect(actions.setPaused).toHaveBeenCalledWith(false);
    expect(menuItem(template, 'Pause proxy')).toBeUndefined();
    expect(menuItem(template, 'Launch at login').checked).toBe(true);
    const figures = menuItem(template, 'Show in tray').submenu as { label: string; checked: boolean }[];
    expect(figures.map((f) => [f.label, f.checked])).toEqual([
      ['Today, all budgets', false],
      ['my-agents', true],
    ]);
    click(menuItem(template, 'Today, all budgets'));
    expect(actions.updateSettings).toHaveBeenLastCalledWith({ trayFigure: 'today' });
  });
});

describe('setup snippets', () => {
  it('use the real origin and the chosen budget', () => {
    expect(setupSnippet('claude-code', 'http://127.0.0.1:4811', 'my-agents')).toBe(
      "ANTHROPIC_BASE_URL=http://127.0.0.1:4811/agent-budget ANTHROPIC_CUSTOM_HEADERS='X-Budget-Id: my-agents' claude",
    );
    expect(setupSnippet('codex', 'http://127.0.0.1:4811', 'my agents')).toBe(
      `codex -c model_provider=agent-budget -c 'model_providers.agent-budget={name="agent-budget",base_url="http://127.0.0.1:4811/agent-budget/b/my%20agents/openai/v1",env_key="OPENAI_API_KEY",wire_api="responses"}'`,
    );
    expect(setupSnippet('python', 'http://127.0.0.1:4811', 'my-agents')).toContain('base_url="http://127.0.0.1:4811/agent-budget"');
    expect(setupSnippet('gemini-cli', 'http://127.0.0.1:4811', 'my-agents')).toBe(`GOOGLE_GEMINI_BASE_URL='http://127.0.0.1:4811/agent-budget/b/my-agents/gemini' gemini`);
    expect(setupSnippet('typescript', 'http://127.0.0.1:4811', 'my-agents')).toContain("defaultHeaders: { 'X-Budget-Id': \"my-agents\" }");
  });

  it("quote a budget name so the shell keeps it whole", () => {
    expect(setupSnippet('claude-code', 'http://127.0.0.1:1', "bob's")).toContain(`ANTHROPIC_CUSTOM_HEADERS='X-Budget-Id: bob'\\''s'`);
  });
});
