// Static server for the bench page: the built page, the app's public/ (ORT files, fixture models), the generated
// benchmark models at /models/bench/, the source photos, and bench-photos/ (which the page may PUT into).
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, normalize, resolve, sep } from 'node:path';

// The same headers as scripts/security-headers.ts (cross-origin isolation: WASM threads need SharedArrayBuffer).
const SECURITY_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.jpg': 'image/jpeg',
  '.onnx': 'application/octet-stream',
};

/** routes: [url prefix, folder, writable?], first match wins. */
export function startServer(routes) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    if (process.env.BENCH_SERVER_LOG) console.error(req.method, path);
    const route = routes.find(([prefix]) => path.startsWith(prefix));
    const send = (status, text) => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' });
      res.end(text);
    };
    if (!route) return send(404, 'no route');
    const [prefix, folder, writable] = route;
    let rel = path.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = resolve(folder, normalize(rel));
    if (!file.startsWith(resolve(folder) + sep)) return send(403, 'outside');
    if (req.method === 'PUT' && writable) {
      mkdirSync(folder, { recursive: true });
      const out = createWriteStream(file);
      req.pipe(out);
      out.on('finish', () => send(201, 'stored'));
      out.on('error', (e) => send(500, String(e)));
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) return send(404, 'not found');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}
