/**
 * A loopback stand-in for generativelanguage.googleapis.com that answers in the Gemini API's exact
 * wire format: generateContent (one GenerateContentResponse), streamGenerateContent as SSE with
 * `alt=sse` (`data: {…}\r\n\r\n`, cumulative usageMetadata in every chunk) or else as one JSON array
 * sent element by element, countTokens, the model list, and Google-shaped errors.
 */
import type { ServerResponse } from 'node:http';
import { type MockUpstream, startMockUpstream } from './mock-upstream.js';

export interface GeminiMockUsage {
  prompt: number;
  cached: number;
  candidates: number;
  thoughts: number;
  toolUse: number;
}

export type GeminiScenario =
  | { kind: 'ok'; text?: string; usage?: Partial<GeminiMockUsage>; searchQueries?: string[] }
  | { kind: 'error'; status: number; googleStatus: string; message: string }
  | { kind: 'reset-mid-stream' }
  | { kind: 'slow-stream'; chunks: number }
  | { kind: 'gate' };

export interface MockGemini extends MockUpstream<GeminiScenario> {
  /** What countTokens answers; null: a count from the body's size; negative: a 500 error. */
  countAnswer: number | null;
}

const DEFAULT_USAGE: GeminiMockUsage = { prompt: 40, cached: 0, candidates: 9, thoughts: 0, toolUse: 0 };

function usageMetadata(u: GeminiMockUsage, candidatesSoFar: number) {
  return {
    promptTokenCount: u.prompt,
    candidatesTokenCount: candidatesSoFar,
    totalTokenCount: u.prompt + candidatesSoFar + u.thoughts + u.toolUse,
    ...(u.cached ? { cachedContentTokenCount: u.cached } : {}),
    ...(u.thoughts ? { thoughtsTokenCount: u.thoughts } : {}),
    ...(u.toolUse ? { toolUsePromptTokenCount: u.toolUse } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: u.prompt }],
  };
}

function chunkResponse(model: string, id: string, parts: unknown[], finish: string | null, usage: unknown, grounding?: unknown) {
  const candidate = { content: { parts, role: 'model' }, ...(finish ? { finishReason: finish } : {}), index: 0, ...(grounding ? { groundingMetadata: grounding } : {}) };
  return { candidates: [candidate], usageMetadata: usage, modelVersion: model, responseId: id };
}

/** The chunks of one answer: thoughts first (when any), then the text word by word, the last with finishReason. */
export function geminiChunks(model: string, text: string, u: GeminiMockUsage, id: string, searchQueries?: string[]): Record<string, unknown>[] {
  const words = text.split(/(?<= )/);
  const grounding = searchQueries ? { webSearchQueries: searchQueries, groundingChunks: [{ web: { uri: 'https://example.com/', title: 'example.com' } }] } : undefined;
  const chunks: Record<string, unknown>[] = [];
  if (u.thoughts) chunks.push(chunkResponse(model, id, [{ text: '**Thinking**', thought: true }], null, usageMetadata({ ...u, thoughts: 0 }, 0)));
  words.forEach((word, i) => {
    const last = i === words.length - 1;
    const seen = last ? u.candidates : Math.min(u.candidates, i + 1);
    chunks.push(chunkResponse(model, id, [{ text: word }], last ? 'STOP' : null, usageMetadata(u, seen), last ? grounding : undefined));
  });
  return chunks;
}

/** A value fitting a JSON schema's shape (the CLI's model router asks for JSON). */
function sample(schema: unknown): unknown {
  const s = (schema ?? {}) as { type?: string; enum?: unknown[]; properties?: Record<string, unknown>; items?: unknown };
  if (s.enum) return s.enum[0];
  switch (String(s.type ?? 'object').toLowerCase()) {
    case 'string':
      return 'mock';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [sample(s.items)];
    default:
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([key, value]) => [key, sample(value)]));
  }
}

/** The answer's text: JSON fitting the schema when the request asks for JSON, else the scenario's text. */
function answerText(body: Record<string, unknown>, text: string): string {
  const config = (body.generationConfig ?? {}) as Record<string, unknown>;
  if (config.responseMimeType !== 'application/json') return text;
  return JSON.stringify(sample(config.responseJsonSchema ?? config.responseSchema));
}

function whole(model: string, text: string, u: GeminiMockUsage, id: string, searchQueries?: string[]) {
  const grounding = searchQueries ? { webSearchQueries: searchQueries, groundingChunks: [] } : undefined;
  return chunkResponse(model, id, [{ text }], 'STOP', usageMetadata(u, u.candidates), grounding);
}

function sendChunks(res: ServerResponse, frames: string[], scenario: GeminiScenario, closing = ''): void {
  if (scenario.kind === 'reset-mid-stream') {
    res.write(frames.slice(0, 2).join(''));
    return void res.socket?.destroy();
  }
  if (scenario.kind !== 'slow-stream') return void res.end(frames.join('') + closing);
  // One chunk per macrotask, so a client can leave mid-stream; the stream still ends by itself.
  let i = 0;
  const next = () => {
    if (res.destroyed) return;
    if (i >= frames.length) return void res.end(closing);
    res.write(frames[i++]);
    setImmediate(next);
  };
  next();
}

function googleError(res: ServerResponse, status: number, googleStatus: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify({ error: { code: status, message, status: googleStatus } }, null, 2));
}

function answer(res: ServerResponse, url: string, body: Record<string, unknown>, model: string, action: string, scenario: GeminiScenario, n: number): void {
  if (scenario.kind === 'error') return googleError(res, scenario.status, scenario.googleStatus, scenario.message);
  const text = answerText(body, scenario.kind === 'ok' && scenario.text ? scenario.text : scenario.kind === 'slow-stream' ? 'tick '.repeat(scenario.chunks) : 'Hello from the mock Gemini.');
  const usage = { ...DEFAULT_USAGE, ...(scenario.kind === 'ok' ? scenario.usage : {}) };
  const queries = scenario.kind === 'ok' ? scenario.searchQueries : undefined;
  const id = `resp-mock-${n}`;
  const headers = { 'x-goog-request-id': `req-mock-${n}`, 'server-timing': 'gfet4t7; dur=1' };
  if (action === 'generateContent') {
    res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=UTF-8' });
    return void res.end(JSON.stringify(whole(model, text, usage, id, queries), null, 2));
  }
  const chunks = geminiChunks(model, text, usage, id, queries);
  if (new URL(url, 'http://x').searchParams.get('alt') === 'sse') {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream' });
    return sendChunks(res, chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`), scenario);
  }
  // The JSON-array stream: `[` + elements separated by `\n,\r\n` + `]`, pretty-printed as Google does.
  res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=UTF-8' });
  const frames = chunks.map((chunk, i) => (i === 0 ? '[' : '\n,\r\n') + JSON.stringify(chunk, null, 2));
  sendChunks(res, frames, scenario, '\n]');
}

export async function startMockGemini(): Promise<MockGemini> {
  // The handler reads the finished mock, so tests can change countAnswer between requests.
  let self: MockGemini | null = null;
  const mock = await startMockUpstream<GeminiScenario>({ kind: 'ok' }, ({ req, res, path, body, n, scenario, hold }) => {
    const call = /^\/v1(?:beta)?\/models\/([^/:]+):([A-Za-z]+)$/.exec(path);
    if (req.method === 'POST' && call && body) {
      const [, model, action] = call;
      if (action === 'countTokens') {
        if (self?.countAnswer != null && self.countAnswer < 0) return googleError(res, 500, 'INTERNAL', 'mock: countTokens failed');
        const request = (body.generateContentRequest ?? body) as Record<string, unknown>;
        const tokens = self?.countAnswer ?? Math.ceil(JSON.stringify(request.contents ?? []).length / 4);
        res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
        return void res.end(JSON.stringify({ totalTokens: tokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: tokens }] }));
      }
      if (action === 'generateContent' || action === 'streamGenerateContent') {
        if (scenario.kind === 'gate') return hold(() => answer(res, req.url!, body, model!, action, { kind: 'ok' }, n));
        return answer(res, req.url!, body, model!, action, scenario, n);
      }
    }
    if (req.method === 'GET' && /^\/v1(?:beta)?\/models$/.test(path)) {
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      return void res.end(JSON.stringify({ models: [{ name: 'models/gemini-2.5-pro', displayName: 'Gemini 2.5 Pro', inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedGenerationMethods: ['generateContent', 'countTokens'] }] }));
    }
    googleError(res, 404, 'NOT_FOUND', `mock: no route ${req.method} ${path}`);
  });
  self = Object.assign(mock, { countAnswer: null as number | null });
  return self;
}
