#!/usr/bin/env node
/**
 * The headless entry: `serve`, `setup`, `mcp`, `statusline`, `migrate`. Each command is loaded on
 * demand, so `statusline` (run by Claude Code after every turn) stays fast.
 */
const USAGE = `usage: agent-budget <command>
  serve                        run the proxy, API and dashboard headless
  migrate                      apply pending store migrations and exit`;

async function main(argv: string[]): Promise<void> {
  const [command] = argv;
  switch (command) {
    case 'serve':
      return (await import('./core/commands/serve.js')).serve();
    case 'migrate':
      return (await import('./core/commands/migrate.js')).migrate();
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`agent-budget: ${(error as Error).message}\n`);
  process.exit(1);
});
