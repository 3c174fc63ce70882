// GET /api/docs/{file}: the docs page's files (Swagger UI's script and stylesheet, its OAuth 2 redirect page, the
// page's own script). They are read from disk on first use, never imported: deployed, CDK ships them beside the
// function's bundle in files/ (the route's `files`); locally they are read where the project keeps them.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as refusals from '#domain/refusals';
import type { Reply } from '#http/pipeline';

const BESIDE_BUNDLE = fileURLToPath(new URL('./files/', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/**
 * The files, from the project root: the route ships them beside the function's bundle (its `files`), never imported
 * (Swagger UI alone is 1.7 MB of JavaScript).
 */
export const DOCS_FILES = [
  'node_modules/swagger-ui-dist/swagger-ui-bundle.js',
  'node_modules/swagger-ui-dist/swagger-ui.css',
  'node_modules/swagger-ui-dist/oauth2-redirect.html',
  'node_modules/swagger-ui-dist/oauth2-redirect.js',
  'functions/docs/static/docs.js',
] as const;

/** Served name (the file's base name) → where the project keeps it. */
const SOURCES = new Map(DOCS_FILES.map((path) => [basename(path), path]));

interface Loaded {
  contentType: string;
  etag: string;
  plain: Buffer;
  gzipped?: Buffer;
}
const loaded = new Map<string, Loaded>();

function load(name: string): Loaded | undefined {
  const known = loaded.get(name);
  if (known) return known;
  const source = SOURCES.get(name);
  if (!source) return undefined;
  const path = existsSync(BESIDE_BUNDLE) ? join(BESIDE_BUNDLE, name) : join(PROJECT_ROOT, source);
  const plain = readFileSync(path);
  const file: Loaded = {
    contentType: CONTENT_TYPES[extname(name)] ?? 'text/plain; charset=utf-8',
    etag: `"${createHash('sha256').update(plain).digest('base64url').slice(0, 22)}"`,
    plain,
  };
  loaded.set(name, file);
  return file;
}

// The redirect page runs Swagger UI's redirect script (a file of this origin) and nothing else; the other files
// are never rendered as documents.
const PAGE_CSP = "default-src 'none'; script-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const FILE_CSP = "default-src 'none'; frame-ancestors 'none'";

export async function serveDocsFile({ params, event }: { params: { file: string }; event: APIGatewayProxyEventV2 }): Promise<Reply> {
  const file = load(params.file);
  if (!file) throw refusals.fileNotFound();
  const headers: Record<string, string> = {
    etag: file.etag,
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
    'content-security-policy': file.contentType.startsWith('text/html') ? PAGE_CSP : FILE_CSP,
    'referrer-policy': 'no-referrer',
    vary: 'accept-encoding',
  };
  if (event.headers?.['if-none-match'] === file.etag) return { status: 304, headers, raw: { body: '' } };
  headers['content-type'] = file.contentType;
  // API Gateway does not compress: Swagger UI's 1.7 MB script travels as about 0.5 MB gzipped.
  if (/\bgzip\b/.test(event.headers?.['accept-encoding'] ?? '')) {
    file.gzipped ??= gzipSync(file.plain);
    headers['content-encoding'] = 'gzip';
    return { status: 200, headers, raw: { body: file.gzipped.toString('base64'), base64: true } };
  }
  return { status: 200, headers, raw: { body: file.plain.toString('utf8') } };
}
