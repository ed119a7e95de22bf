import type { Route } from '../hooks/useRoute';
import { href } from '../hooks/useRoute';

const LINKS = [
  { href: href.overview, label: 'Overview', views: ['overview', 'budget', 'new-budget'] },
  { href: href.agents(), label: 'Agents', views: ['agents'] },
  { href: href.alerts, label: 'Alerts', views: ['alerts'] },
  { href: href.pricing, label: 'Pricing', views: ['pricing'] },
  { href: href.setup, label: 'Setup', views: ['setup'] },
  { href: href.settings, label: 'Settings', views: ['settings'] },
];

export function Nav({ route }: { route: Route }) {
  return (
    <nav className="nav" aria-label="Main">
      {LINKS.map((link) => (
        <a key={link.href} href={link.href} aria-current={link.views.includes(route.view) ? 'page' : undefined}>{link.label}</a>
      ))}
    </nav>
  );
}
