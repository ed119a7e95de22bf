#!/usr/bin/env node
/**
 * The headless entry: `serve` (the default, so `npx agent-budget` starts the app), `setup`, `mcp`,
 * `statusline`, `migrate`. Each command is loaded on demand, so `statusline` (run by Claude Code after
 * every turn) stays fast.
 */
const USAGE = `usage: agent-budget [command]
  serve                        run the proxy, API and dashboard headless (the default)
  setup claude-code --project DIR --budget NAME [--max-output-tokens N] [--undo]
  setup codex --budget NAME [--codex-home DIR] [--undo]
  setup gemini --project DIR --budget NAME [--undo]
  statusline                   print a Claude Code status line (reads its JSON on stdin)
  mcp                          run the MCP server on stdio
  migrate                      apply pending store migrations and exit`;

async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...args] = argv;
  switch (command) {
    case 'serve':
      return (await import('./core/commands/serve.js')).serve();
    case 'migrate':
      return (await import('./core/commands/migrate.js')).migrate();
    case 'setup':
      if (args[0] === 'codex') process.stdout.write(`${await (await import('./core/codex/setup-command.js')).runCodexSetup(args)}\n`);
      else if (args[0] === 'gemini') process.stdout.write(`${await (await import('./core/gemini/setup-command.js')).runGeminiSetup(args.slice(1))}\n`);
      else process.stdout.write(`${await (await import('./core/claude-code/setup-command.js')).runSetup(args)}\n`);
      return;
    case 'statusline': {
      const { runStatusline, readStdin } = await import('./core/claude-code/statusline.js');
      process.stdout.write(`${await runStatusline(await readStdin())}\n`);
      return;
    }
    case 'mcp':
      return (await import('./core/mcp/server.js')).runMcpServer();
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = command === 'help' || command === '--help' || command === '-h' ? 0 : 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`agent-budget: ${(error as Error).message}\n`);
  // A usage mistake exits 2, as command-line tools do; anything else 1.
  process.exit((error as { kind?: string }).kind === 'invalid_request_error' ? 2 : 1);
});
