/** Electron's entry point (package.json "main"). Everything it does is in lifecycle.ts (or smoke-test.ts for `--smoke-test`). */
import { app, dialog } from 'electron';
import { runDesktop } from './lifecycle.js';
import { isSmokeTest, runSmokeTest } from './smoke-test.js';

if (isSmokeTest(process.argv)) {
  void runSmokeTest().then((code) => app.exit(code));
} else {
  runDesktop().catch((error: unknown) => {
    dialog.showErrorBox('agent-budget stopped', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
