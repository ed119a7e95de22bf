/**
 * A year of Claude Code history for the benchmark and the import tests: `copies` distinct copies
 * (every id, folder and time its own) of one realistic transcript set of 13 files: ten sessions and
 * three subagent transcripts, user turns with tool output of realistic sizes, assistant messages
 * written in several streaming copies (the last one with the full output), summaries. The lines are
 * in Claude Code's own shape, as test/helpers/claude-transcripts.ts writes them. Deterministic: the
 * same arguments write the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DAY_MS = 86_400_000;
/** Requests per file of one copy: ten sessions, then three subagent transcripts (2,925 in all). */
const FILE_REQUESTS = [600, 350, 300, 280, 260, 240, 220, 200, 180, 150, 60, 45, 40];
const SUBAGENT_FILES = 3;
const MODELS = ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5-20250929', 'claude-opus-4-1-20250805', 'claude-haiku-4-5-20251001'];
const WORDS = 'the of function return const import export async await value error file test build type string number object array map set promise request response budget cost token model session project folder line read write update delete create fix bug feature refactor'.split(' ');

/** mulberry32: a small seeded generator, so every run writes the same history. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Prose and code with what JSON must escape (quotes, newlines, backslashes), sliced from one pool. */
function textPool(rand, size) {
  const parts = [];
  let length = 0;
  while (length < size) {
    const word = WORDS[Math.floor(rand() * WORDS.length)];
    const r = rand();
    const part = r < 0.08 ? `${word}\n` : r < 0.12 ? `"${word}"` : r < 0.13 ? `${word}\\n` : `${word} `;
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

function toolOutputSize(rand) {
  const r = rand();
  if (r < 0.75) return 100 + Math.floor(rand() * 400);
  if (r < 0.97) return 600 + Math.floor(rand() * 1_200);
  return 4_000 + Math.floor(rand() * 4_000);
}

/** One copy's files: [relative path, lines][]; `k` makes every id, folder and time distinct. */
function copyFiles(k, start, rand, pool) {
  const slice = (n) => {
    const from = Math.floor(rand() * (pool.length - n));
    return pool.slice(from, from + n);
  };
  const project = `/home/dev/project-${String(k % 36).padStart(2, '0')}/copy-${k}`;
  const folder = project.replaceAll('/', '-');
  const files = [];
  let time = start;
  const sessions = [];
  FILE_REQUESTS.forEach((requests, f) => {
    const subagent = f >= FILE_REQUESTS.length - SUBAGENT_FILES;
    const sessionId = subagent ? sessions[f - (FILE_REQUESTS.length - SUBAGENT_FILES)] : `sess-${k}-${f}-${Math.floor(rand() * 1e9).toString(16)}`;
    if (!subagent) sessions.push(sessionId);
    const path = subagent ? join(folder, sessionId, 'subagents', `agent-${k}-${f}.jsonl`) : join(folder, `${sessionId}.jsonl`);
    const model = MODELS[f % MODELS.length];
    const lines = subagent ? [] : [JSON.stringify({ type: 'summary', summary: `Session ${k}-${f}: ${slice(40).replace(/\s+/g, ' ')}`, leafUuid: `leaf-${k}-${f}` })];
    const envelope = (type, uuid, at) => ({ parentUuid: null, isSidechain: subagent, userType: 'external', cwd: project, sessionId, version: '2.1.0', gitBranch: 'main', type, uuid, timestamp: new Date(at).toISOString() });
    for (let r = 0; r < requests; r++) {
      time += 5_000 + Math.floor(rand() * 55_000);
      const id = `${k}-${f}-${r}`;
      const content = r % 12 === 0 ? slice(120 + Math.floor(rand() * 400)) : [{ type: 'tool_result', tool_use_id: `toolu_${id}`, content: slice(toolOutputSize(rand)) }];
      lines.push(JSON.stringify({ ...envelope('user', `u-${id}`, time), message: { role: 'user', content } }));
      const output = 20 + Math.floor(rand() * 1_500);
      const usage = (out) => ({
        input_tokens: 3 + Math.floor(rand() * 20),
        cache_creation_input_tokens: 200 + Math.floor(rand() * 4_000),
        cache_read_input_tokens: 10_000 + Math.floor(rand() * 90_000),
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: out,
        service_tier: 'standard',
      });
      const copies = 1 + Math.floor(rand() * 3);
      for (let c = 0; c < copies; c++) {
        const block = c === copies - 1 ? { type: 'tool_use', id: `toolu_${id}`, name: 'Edit', input: { file_path: `${project}/src/file-${r % 40}.ts`, old_string: slice(60), new_string: slice(80) } } : { type: 'text', text: slice(60 + Math.floor(rand() * 200)) };
        const u = usage(c === copies - 1 ? output : 1 + c);
        // The cache writes split as Claude Code logs them: all 5-minute, or all 1-hour.
        u.cache_creation[rand() < 0.8 ? 'ephemeral_5m_input_tokens' : 'ephemeral_1h_input_tokens'] = u.cache_creation_input_tokens;
        lines.push(JSON.stringify({ ...envelope('assistant', `a-${id}-${c}`, time + 2_000 + c), message: { id: `msg_${id}`, type: 'message', role: 'assistant', model, content: [block], stop_reason: null, usage: u }, requestId: `req_${id}` }));
      }
    }
    files.push([path, lines]);
  });
  return files;
}

/**
 * Writes the history under `dir/projects/` (a CLAUDE_CONFIG_DIR); returns what it wrote. `copies`
 * 60 gives the 780 files, 175,500 requests, about 485 MB.
 */
export function writeHistory(dir, { copies = 60, seed = 1, end = Date.now() } = {}) {
  const rand = random(seed);
  const pool = textPool(rand, 1 << 20);
  const span = 365 * DAY_MS;
  let bytes = 0;
  let files = 0;
  let requests = 0;
  for (let k = 0; k < copies; k++) {
    const start = end - span + Math.floor((k * span) / Math.max(copies, 1)) - 7 * DAY_MS;
    for (const [path, lines] of copyFiles(k, Math.max(start, end - span), rand, pool)) {
      const file = join(dir, 'projects', path);
      mkdirSync(join(file, '..'), { recursive: true });
      const text = `${lines.join('\n')}\n`;
      writeFileSync(file, text);
      bytes += Buffer.byteLength(text);
      files++;
    }
    requests += FILE_REQUESTS.reduce((sum, n) => sum + n, 0);
  }
  return { dir, files, bytes, requests };
}
