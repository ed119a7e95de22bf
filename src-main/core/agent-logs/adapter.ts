/**
 * What the agent-log import needs to know about one coding agent: where its logs live, which files
 * are logs, and how to read one line of them. Everything else (finding files, reading only what was
 * appended, resuming after a restart, pricing, counting a request once, storing) is the importer's.
 *
 * An adapter is plain data and pure functions: it is loaded by the import worker thread too, so it
 * must not touch the store, the network or module-level mutable state.
 */
import type { AgentId, AgentLogSource } from '../../../src-shared/agents.js';
import type { Provider, Usage } from '../usage.js';

/** One request found in a log: one usage row once priced. */
export interface LogRequest {
  /**
   * Unique per request for this agent, and stable across re-reads of the file (it is how a request
   * is counted once). Where the agent logs the provider's request id, use it: the proxy's record of
   * the same request then wins.
   */
  requestKey: string;
  sessionId: string | null;
  /** The session's working folder (absolute path). */
  project: string | null;
  model: string;
  usage: Usage;
  /** When the request was made (ms since the epoch). */
  time: number;
}

/** What a log says about a session besides its requests (e.g. Claude Code's `summary` lines). */
export interface SessionNote {
  sessionId: string;
  title?: string;
  project?: string | null;
  /** When the note was written, if the line says (ms since the epoch). */
  time?: number;
}

/** What one line yields. A line that is not valid JSON (or not the agent's format at all) is malformed. */
export type LineResult =
  | { kind: 'request'; request: LogRequest }
  | { kind: 'session'; session: SessionNote }
  | { kind: 'skip' }
  | { kind: 'malformed' };

/** Where a line sits: lets an agent that logs no request id derive a stable key (file + offset). */
export interface LineContext {
  file: string;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
}

/** JSON-serialisable: it is persisted beside the file's offset and sent between threads. */
export type FileState = { [key: string]: string | number | boolean | null };

interface AdapterBase {
  agent: AgentId;
  /** The usage rows' `source` (`logSourceOf(agent)`). */
  source: AgentLogSource;
  /** The pricing table's provider for the agent's models. */
  provider: Provider;
  /** The folders the agent writes its logs under, from its own env variables or the home folder. */
  defaultRoots(env: NodeJS.ProcessEnv, home: string): string[];
  /** Whether a file under a root (its path relative to the root, with the OS's separators) is a log. */
  isLogFile(relativePath: string): boolean;
}

/**
 * An agent whose logs are append-only JSONL (Claude Code, Codex): each line one JSON object. Only
 * what was appended since the last read is read; a line that is not a whole `{…}` object is counted
 * as malformed without being parsed.
 */
export interface LineLogAdapter<State extends FileState = FileState> extends AdapterBase {
  format: 'jsonl';
  /**
   * Substrings of which a line must hold at least one to matter (to yield a request, a note, or to
   * change the file's state). Lines without any are skipped unparsed: most bytes of a log are
   * prompts and tool output, and not parsing them is most of the import's speed.
   */
  interestingLines: readonly string[];
  /** The state of a file not read yet (e.g. Codex's session id and cwd, known from a file's first line). */
  initialState(file: string): State;
  /**
   * Reads one line (without its newline). May update `state` in place: the importer persists it with
   * the offset after the line, so reading resumes after a restart as if it had never stopped. A
   * parser that throws has the line counted as malformed.
   */
  parseLine(line: string, state: State, context: LineContext): LineResult;
}

/**
 * An agent that rewrites each log whole (a JSON document per session): a file is read again whenever
 * its size or modification time changes, and every result it yields is offered again (the store
 * counts each request key once, keeping the copy with the most output).
 */
export interface DocumentLogAdapter extends AdapterBase {
  format: 'document';
  parseDocument(text: string, file: string): { results: LineResult[] };
}

export type AgentLogAdapter = LineLogAdapter | DocumentLogAdapter;
