/**
 * One pass over a parsed Messages body, collecting what the worst-case estimate needs that the
 * raw byte count does not tell: media blocks, embedded base64 payloads (bytes that are not text
 * tokens), the dearest prompt-cache marker and content the body only points at.
 */
import { walkObjects } from '../json-body.js';

export type CacheWrite = '5m' | '1h' | null;

export interface BodyScan {
  /** Bytes of base64 payloads, to be taken off the text bound. */
  base64Bytes: number;
  images: number;
  documents: number;
  cacheWrite: CacheWrite;
  /** The body points at content it does not hold: URLs, Files API ids, remote MCP servers. */
  externalContent: boolean;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function dearer(current: CacheWrite, marker: unknown): CacheWrite {
  if (!isObject(marker)) return current;
  if (marker.ttl === '1h') return '1h';
  return current ?? '5m';
}

function scanMediaBlock(block: Json, scan: BodyScan): void {
  const source = block.source;
  if (!isObject(source)) return;
  if (block.type === 'image') scan.images += 1;
  else if (block.type === 'document' && source.type !== 'text' && source.type !== 'content') scan.documents += 1;
  else return;
  if (source.type === 'base64' && typeof source.data === 'string') scan.base64Bytes += source.data.length;
  if (source.type === 'url' || source.type === 'file') scan.externalContent = true;
}

export function scanBody(body: Json): BodyScan {
  const scan: BodyScan = { base64Bytes: 0, images: 0, documents: 0, cacheWrite: null, externalContent: false };
  if (Array.isArray(body.mcp_servers) && body.mcp_servers.length > 0) scan.externalContent = true;
  walkObjects([body], (node) => {
    if (node.cache_control !== undefined) scan.cacheWrite = dearer(scan.cacheWrite, node.cache_control);
    if (node.type === 'image' || node.type === 'document') scanMediaBlock(node, scan);
    return true;
  });
  return scan;
}
