/** On a fresh data folder, the dashboard opens on the first-run walkthrough instead of the overview. */
import { useEffect, useRef } from 'react';
import { firstRunApi } from '../api/firstRun';
import { href, type Route } from './useRoute';

export function useFirstRunWelcome(route: Route): void {
  const asked = useRef(false);
  useEffect(() => {
    // Once per page load, and only from the overview: a link to a budget or a view is followed as given.
    if (asked.current || route.view !== 'overview') return;
    asked.current = true;
    firstRunApi.status().then(
      (status) => {
        // Still on the overview by the time the answer came: the person has not gone elsewhere meanwhile.
        if (status.pending && ['', '/'].includes(window.location.hash.replace(/^#/, ''))) window.location.hash = href.welcome;
      },
      () => {}, // The overview shows the core's state itself; the walkthrough can wait for the next load.
    );
  }, [route]);
}
