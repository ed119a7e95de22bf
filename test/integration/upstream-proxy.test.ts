/**
 * Behind a corporate proxy: with HTTPS_PROXY/HTTP_PROXY set, agent-budget reaches the provider through
 * it (undici's proxy agent, a CONNECT tunnel) and still relays, meters and settles as without one.
 */
import Anthropic from '@anthropic-ai/sdk';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';

/** A loopback forward proxy that only tunnels (CONNECT), recording where each tunnel went. */
function startTunnelProxy(): Promise<{ server: Server; url: string; tunnels: string[] }> {
  const tunnels: string[] = [];
  const server = createServer((_req, res) => res.writeHead(405).end('tunnels only'));
  server.on('connect', (req, client, head) => {
    tunnels.push(req.url!);
    const [host, port] = req.url!.split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', close);
    client.on('error', close);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels })),
  );
}

let mock: MockAnthropic;
let proxy: Awaited<ReturnType<typeof startTunnelProxy>>;
let t: TestCore;
const savedEnv = { HTTP_PROXY: process.env.HTTP_PROXY, HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };

beforeAll(async () => {
  mock = await startMockAnthropic();
  proxy = await startTunnelProxy();
  Object.assign(process.env, { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '' });
  t = await startTestCore({ ANTHROPIC_UPSTREAM_URL: mock.url });
  await t.api('POST', '/budgets', { name: 'proxied', max_dollars: 5 });
});
afterAll(async () => {
  await t.close();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await new Promise((resolve) => proxy.server.close(resolve));
  proxy.server.closeAllConnections();
  await mock.close();
});

describe('an upstream reached through HTTPS_PROXY', () => {
  it('relays and meters a message and a stream through the tunnel', async () => {
    mock.scenario = { kind: 'ok', text: 'through the tunnel', usage: { input_tokens: 100, output_tokens: 20 } };
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: t.base, defaultHeaders: { 'X-Budget-Id': 'proxied' }, maxRetries: 0 });
    const params = { model: 'claude-sonnet-4-6', max_tokens: 256, messages: [{ role: 'user' as const, content: 'hi' }] };
    const message = await client.messages.create(params);
    const streamed = await client.messages.stream(params).finalMessage();
    expect(message.content[0]).toMatchObject({ text: 'through the tunnel' });
    expect(streamed.content[0]).toMatchObject({ text: 'through the tunnel' });
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(mock.url).host]));
    await settled(t);
    const { body } = await t.api('GET', '/budgets/proxied/usage?limit=10');
    expect(body.items.map((row: any) => [row.status, row.stream, row.input_tokens, row.output_tokens])).toEqual([
      ['ok', true, 100, 20],
      ['ok', false, 100, 20],
    ]);
  });
});
