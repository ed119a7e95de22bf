/** Hash routing (`#/budgets/3`): works from a static folder and the Electron window alike. */
import { useEffect, useState } from 'react';
import { AGENT_VIEW_IDS, type AgentViewId } from '../../src-shared/agent-views';

export type Route =
  | { view: 'overview' }
  | { view: 'budget'; id: string }
  | { view: 'new-budget' }
  | { view: 'pricing' }
  | { view: 'alerts' }
  | { view: 'setup' }
  | { view: 'agents'; agent: AgentViewId }
  | { view: 'settings' }
  | { view: 'welcome' }
  | { view: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/') return { view: 'overview' };
  if (path === '/budgets/new') return { view: 'new-budget' };
  const budget = /^\/budgets\/([^/]+)$/.exec(path);
  if (budget) return { view: 'budget', id: decodeURIComponent(budget[1]) };
  // The agents view replaced the Claude Code view; its old address leads there.
  if (path === '/agents' || path === '/claude-code') return { view: 'agents', agent: 'claude-code' };
  const agent = /^\/agents\/([^/]+)$/.exec(path);
  if (agent && (AGENT_VIEW_IDS as readonly string[]).includes(agent[1])) return { view: 'agents', agent: agent[1] as AgentViewId };
  const simple = ['pricing', 'alerts', 'setup', 'settings', 'welcome'] as const;
  const named = simple.find((view) => path === `/${view}`);
  if (named) return { view: named };
  return { view: 'not-found', path };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    if (window.location.hash === '#/claude-code') window.history.replaceState(null, '', href.agents('claude-code'));
    const onChange = () => {
      if (window.location.hash === '#/claude-code') window.history.replaceState(null, '', href.agents('claude-code'));
      setRoute(parseRoute(window.location.hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export const href = {
  overview: '#/',
  budget: (id: number | string) => `#/budgets/${encodeURIComponent(String(id))}`,
  newBudget: '#/budgets/new',
  pricing: '#/pricing',
  alerts: '#/alerts',
  setup: '#/setup',
  agents: (agent: AgentViewId = 'claude-code') => `#/agents/${agent}`,
  settings: '#/settings',
  welcome: '#/welcome',
};
