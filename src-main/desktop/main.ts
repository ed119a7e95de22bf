/** Electron's entry point (package.json "main"). Everything it does is in lifecycle.ts. */
import { app, dialog } from 'electron';
import { runDesktop } from './lifecycle.js';

runDesktop().catch((error: unknown) => {
  dialog.showErrorBox('agent-budget stopped', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
