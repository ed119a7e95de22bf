import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/core/errors.js';
import { parseAnthropicRequest } from '../../src-main/core/providers/anthropic/request.js';

const valid = { model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] };

function refusal(body: string): AppError {
  try {
    parseAnthropicRequest(Buffer.from(body));
  } catch (error) {
    return error as AppError;
  }
  throw new Error('the body was accepted');
}

describe('parseAnthropicRequest', () => {
  it('reads model, stream, max_tokens, the thinking budget and the body size', () => {
    const raw = Buffer.from(JSON.stringify({ ...valid, stream: true, thinking: { type: 'enabled', budget_tokens: 512 } }));
    const request = parseAnthropicRequest(raw);
    expect(request).toMatchObject({ model: 'claude-sonnet-4-6', stream: true, max_tokens: 1024, thinking_budget: 512, body_bytes: raw.length });
    expect(request.body.messages).toEqual(valid.messages);
  });

  it('treats absent stream and thinking without a budget as off', () => {
    const adaptive = parseAnthropicRequest(Buffer.from(JSON.stringify({ ...valid, thinking: { type: 'adaptive' } })));
    expect([adaptive.stream, adaptive.thinking_budget]).toEqual([false, null]);
  });

  it.each([
    ['{"model": ', 'body', 'not valid JSON'],
    ['[1, 2]', 'body', 'JSON object'],
    ['null', 'body', 'JSON object'],
    [JSON.stringify({ ...valid, model: undefined }), 'model', '`model` is required'],
    [JSON.stringify({ ...valid, model: 42 }), 'model', '`model` is required'],
    [JSON.stringify({ ...valid, max_tokens: undefined }), 'max_tokens', '`max_tokens` is required'],
    [JSON.stringify({ ...valid, max_tokens: 0 }), 'max_tokens', 'positive integer'],
    [JSON.stringify({ ...valid, max_tokens: 10.5 }), 'max_tokens', 'positive integer'],
    [JSON.stringify({ ...valid, max_tokens: '1024' }), 'max_tokens', 'positive integer'],
    [JSON.stringify({ ...valid, stream: 'yes' }), 'stream', '`stream` must be true or false'],
    [JSON.stringify({ ...valid, messages: 'Hi' }), 'messages', '`messages` is required'],
    [JSON.stringify({ ...valid, thinking: { type: 'enabled', budget_tokens: 1024 } }), 'thinking.budget_tokens', 'less than `max_tokens` (1024)'],
    [JSON.stringify({ ...valid, thinking: { type: 'enabled', budget_tokens: -1 } }), 'thinking.budget_tokens', 'positive integer'],
  ])('refuses %s with a 400 naming %s', (body, field, message) => {
    const error = refusal(body);
    expect(error).toBeInstanceOf(AppError);
    expect(error.kind).toBe('invalid_request_error');
    expect(error.status).toBe(400);
    expect(error.message).toContain(message);
    expect(error.fields.map((f) => f.field)).toEqual([field]);
  });

  it('does not echo the body in its JSON error', () => {
    expect(refusal('{"secret-api-key-text" oops').message).not.toContain('secret');
  });
});
