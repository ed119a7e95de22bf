/**
 * `mcp`: an MCP server on stdio so an agent can check its own budget: list budgets, one budget's
 * status, and the cost of a project or a session. It reads the running app's API; it changes nothing.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Budget, Session } from '../../../src-shared/api.js';
import { coreClient, type CoreClient } from '../claude-code/core-client.js';
import { projectBudget } from '../claude-code/settings-file.js';
import { VERSION } from '../version.js';

type ToolResult = { content: { type: 'text'; text: string }[]; isError?: boolean };

const json = (value: unknown): ToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] });
const failure = (message: string): ToolResult => ({ content: [{ type: 'text', text: message }], isError: true });

/** Runs a tool body, turning "not running" and "not found" into tool errors the agent can read. */
async function answer(body: () => Promise<ToolResult>): Promise<ToolResult> {
  try {
    return await body();
  } catch (error) {
    return failure((error as Error).message);
  }
}

async function budgetStatus(client: CoreClient, budget: string): Promise<ToolResult> {
  const found = await client.get<Budget>(`/api/budgets/${encodeURIComponent(budget)}`);
  return found ? json(found) : failure(`No budget named '${budget}'.`);
}

export function createMcpServer(client: CoreClient = coreClient()): McpServer {
  const server = new McpServer({ name: 'agent-budget', version: VERSION });

  server.registerTool(
    'list_budgets',
    { description: 'Lists every budget with its cap, period, spend, reserved and remaining dollars, and when it resets.' },
    () => answer(async () => json((await client.get<{ budgets: Budget[] }>('/api/budgets'))?.budgets ?? [])),
  );

  server.registerTool(
    'get_budget_status',
    {
      description: "One budget's status: spent, reserved by requests in flight, remaining, percent used, reset time.",
      inputSchema: { budget: z.string().min(1).describe('Budget name or numeric id') },
    },
    ({ budget }) => answer(() => budgetStatus(client, budget)),
  );

  server.registerTool(
    'get_cost',
    {
      description:
        "The cost so far of a Claude Code session (by session id), or of a project: its last 30 days from Claude Code's logs and the proxy, and the status of the budget its .claude settings route it through.",
      inputSchema: {
        session: z.string().min(1).optional().describe('Claude Code session id'),
        project: z.string().min(1).optional().describe('Project directory'),
      },
    },
    ({ session, project }) =>
      answer(async () => {
        if (session) {
          const found = await client.get<Session>(`/api/sessions/${encodeURIComponent(session)}`);
          return found ? json(found) : failure(`No requests seen for session '${session}'.`);
        }
        if (!project) return failure('Give `session` or `project`.');
        const folder = resolve(project);
        const name = projectBudget(folder);
        const [budget, logged] = await Promise.all([
          name ? client.get<Budget>(`/api/budgets/${encodeURIComponent(name)}`) : null,
          client.get<{ projects: { project: string }[] }>('/api/claude-code/projects?days=30'),
        ]);
        const last30Days = logged?.projects.find((p) => p.project === folder) ?? null;
        if (!budget && !last30Days) return failure(`No spend recorded for ${folder}, and it is not set up with a budget (run \`setup claude-code --project ${folder} --budget NAME\`).`);
        return json({ project: folder, last_30_days: last30Days, budget });
      }),
  );

  return server;
}

export async function runMcpServer(): Promise<void> {
  await createMcpServer().connect(new StdioServerTransport());
}
