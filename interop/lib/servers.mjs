// Starts and stops what the suite runs against: auth-server and resource-server from their runnable jars (TLS
// profile, auth-server also in the demo profile), and an https host for the clients' CIMD documents.
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';

export async function requireFreePort(port, what) {
  await new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', () => reject(new Error(`port ${port} (${what}) is busy; choose another with the suite's options`)));
    probe.listen(port, '127.0.0.1', () => probe.close(resolve));
  });
}

/** Serves one CIMD document per path over TLS with the local server certificate; records each GET. */
export function startDocumentHost({ port, tlsDir }) {
  const documents = new Map();
  const fetches = [];
  const server = createServer({
    key: readFileSync(join(tlsDir, 'server.key')),
    cert: readFileSync(join(tlsDir, 'server.crt')),
  }, (request, response) => {
    const path = new URL(request.url, 'https://localhost').pathname;
    const body = documents.get(path);
    fetches.push({ method: request.method, path, status: body ? 200 : 404 });
    if (!body || request.method !== 'GET') {
      response.writeHead(body ? 405 : 404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({
      origin: `https://localhost:${port}`,
      publish(path, document) { documents.set(path, JSON.stringify(document)); return `https://localhost:${port}${path}`; },
      fetchesOf(path) { return fetches.filter((f) => f.path === path); },
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

/** java -jar with its output in a log file; stop() sends SIGTERM and waits. */
export function startJar({ name, jar, args, env = {}, logDir }) {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const log = createWriteStream(join(logDir, `${name}.log`));
  const child = spawn(java, ['-XX:TieredStopAtLevel=1', '-jar', jar, ...args], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  child.once('exit', () => { exited = true; });
  return {
    name,
    get alive() { return !exited; },
    stop: () => new Promise((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 15000).unref();
    }),
  };
}

/** Polls url until 200 (the metadata endpoints are the readiness signal); fails when the process died. */
export async function awaitOk(service, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!service.alive) throw new Error(`${service.name} exited before it was ready (see its log)`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      const text = await response.text();
      if (response.status === 200) return JSON.parse(text);
      last = `HTTP ${response.status}`;
    }
    catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service.name} did not answer 200 at ${url} within ${timeoutMs / 1000} s (last: ${last})`);
}
