/**
 * A closed-loop load generator, run as its own process: C connections, each sending the next
 * request as soon as the previous answer is read, for S seconds. Prints JSON: requests/s, errors.
 *   node load.mjs <url> <connections> <seconds> [budget]
 */
import { Pool } from 'undici';

const [url, connectionsArg, secondsArg, budget] = process.argv.slice(2);
const connections = Number(connectionsArg);
const target = new URL(url);
const pool = new Pool(target.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
const body = JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
const headers = { 'content-type': 'application/json', 'x-api-key': 'sk-ant-bench', 'anthropic-version': '2023-06-01', ...(budget ? { 'x-budget-id': budget } : {}) };

let done = 0;
let errors = 0;
const deadline = performance.now() + Number(secondsArg) * 1000;

async function loop() {
  while (performance.now() < deadline) {
    try {
      const response = await pool.request({ path: target.pathname, method: 'POST', headers, body });
      await response.body.dump();
      if (response.statusCode === 200) done++;
      else errors++;
    } catch {
      errors++;
    }
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: connections }, loop));
const seconds = (performance.now() - started) / 1000;
await pool.close();
process.stdout.write(`${JSON.stringify({ requests_per_s: Math.round(done / seconds), requests: done, errors })}\n`);
