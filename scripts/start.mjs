// `npm start`: builds what is out of date (the client and the compiled server, see build.mjs), then
// runs the compiled server in THIS process. package.json runs it with `exec`, so npm's SIGTERM
// (systemd stop, Ctrl-C) reaches the server itself, which closes gracefully and frees the port;
// no shell stays in between to swallow the signal.
//
// The build runs in a child process so that neither Vite nor esbuild stays loaded in the server.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isStale, TARGETS } from './build.mjs';
import { SERVER_OUT } from './serverBuild.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function buildIfStale() {
  if (!TARGETS.some(isStale)) return;
  const child = spawn(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const [code, signal] = await new Promise((resolve) => child.once('exit', (...result) => resolve(result)));
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  if (signal) process.exit(128 + (os.constants.signals[signal] ?? 0));
  if (code !== 0) process.exit(code ?? 1);
}

await buildIfStale();
await import(pathToFileURL(path.join(root, SERVER_OUT, 'index.js')).href);
