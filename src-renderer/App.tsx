/** The page frame: navigation, the pause switch, connection and pause banners, and the current view. */
import { useEffect } from 'react';
import { api } from './api/client';
import { Nav } from './components/Nav';
import { PauseToggle } from './components/PauseToggle';
import { Empty } from './components/States';
import { TokenDialog } from './components/TokenDialog';
import { useApi } from './hooks/useApi';
import { useEvents } from './hooks/useEvents';
import { href, useRoute, type Route } from './hooks/useRoute';
import { Agents } from './views/Agents';
import { Alerts } from './views/Alerts';
import { BudgetDetail } from './views/BudgetDetail';
import { CreateBudget } from './views/CreateBudget';
import { Overview } from './views/Overview';
import { Pricing } from './views/Pricing';
import { Settings } from './views/Settings';
import { Setup } from './views/Setup';
import { Welcome } from './views/Welcome';
import { useFirstRunWelcome } from './hooks/useFirstRunWelcome';

function View({ route }: { route: Route }) {
  switch (route.view) {
    case 'overview': return <Overview />;
    case 'budget': return <BudgetDetail id={route.id} />;
    case 'new-budget': return <CreateBudget />;
    case 'pricing': return <Pricing />;
    case 'alerts': return <Alerts />;
    case 'setup': return <Setup />;
    case 'agents': return <Agents agent={route.agent} />;
    case 'settings': return <Settings />;
    case 'welcome': return <Welcome />;
    case 'not-found': return <Empty title="Page not found"><a href={href.overview}>Back to the overview</a></Empty>;
  }
}

const TITLES: Record<Route['view'], string> = {
  overview: 'Overview', budget: 'Budget', 'new-budget': 'New budget', pricing: 'Pricing', alerts: 'Alerts', setup: 'Setup', agents: 'Agents', settings: 'Settings', welcome: 'Welcome', 'not-found': 'Not found',
};

export function App() {
  const route = useRoute();
  useFirstRunWelcome(route);
  const connection = useEvents();
  const info = useApi(api.info, [], ['paused']);
  const paused = info.data?.paused;

  useEffect(() => {
    document.title = `${TITLES[route.view]} · agent-budget`;
    window.scrollTo(0, 0);
  }, [route]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <a className="brand" href={href.overview}><span className="brand-mark" aria-hidden="true">$</span> agent-budget</a>
        <Nav route={route} />
        <PauseToggle paused={paused} onChanged={info.reload} />
      </header>
      {connection === 'unreachable' && <div className="banner banner-error" role="alert">Core unreachable, retrying…</div>}
      {paused && <div className="banner banner-warning" role="status">Paused: every metered request is refused until you resume.</div>}
      <main id="main" className="content" tabIndex={-1}>
        <View route={route} />
      </main>
      <TokenDialog />
    </div>
  );
}
