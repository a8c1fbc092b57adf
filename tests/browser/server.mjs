// A static server that publishes one folder under a subpath only, so any
// root-relative URL in the page shows up as a 404 and in `outside`.

import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
};

export function serve(dir, prefix) {
  const root = path.resolve(dir);
  const outside = [];
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    if (!pathname.startsWith(prefix)) {
      outside.push(pathname);
      res.writeHead(404).end();
      return;
    }
    let file = path.join(root, decodeURIComponent(pathname.slice(prefix.length)));
    // Stay inside the folder, whatever the path says.
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
      statSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'max-age=3600',
    });
    createReadStream(file).pipe(res);
  });
  server.outside = outside;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Another origin, as a newsroom's own site would be: serves `pages` (a map
// of path to [content type, body]) and nothing else.
export function serveHost(pages) {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    const page = pages[pathname];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': page[0] }).end(page[1]);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
