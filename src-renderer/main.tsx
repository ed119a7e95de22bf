import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { adoptTokenFromFragment } from './api/token';
import { App } from './App';
import './styles.css';

// Before the router reads the hash: `#token=…` is a hand-over, not a route.
adoptTokenFromFragment();

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
