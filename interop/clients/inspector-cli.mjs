// The MCP Inspector's CLI (@modelcontextprotocol/inspector --cli) as a headless client. One CLI invocation is one MCP
// method; the journey is three invocations (tools/list, whoami, get_weather) sharing the Inspector's OAuth state
// file, so the later ones reuse the token and the last one must step up. When the CLI needs a login it prints
// "Please navigate to: <authorization URL>" on stderr and waits on its loopback callback listener; this script plays
// the browser: it follows the authorization server's redirects (the demo profile consents for the demo user) and
// delivers the redirect with the code to that listener, as a browser would.
//   node clients/inspector-cli.mjs --server=URL --mode=rfc7591|preregistered|cimd --callback-port=N --state-dir=DIR
//        [--client-metadata-url=URL] [--client-id=ID]   (secret: INTEROP_CLIENT_SECRET)
// Prints one JSON report on stdout; exit status 0 when the whole journey completed.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { authorizeHeadless, options } from '../lib/headless.mjs';

const o = options(process.argv.slice(2));
const require = createRequire(import.meta.url);
const inspectorBin = join(dirname(require.resolve('@modelcontextprotocol/inspector/package.json')),
  'clients', 'launcher', 'build', 'index.js');
const callbackUrl = `http://127.0.0.1:${o['callback-port']}/oauth/callback`;
const stateDir = o['state-dir'];
rmSync(stateDir, { recursive: true, force: true });
mkdirSync(stateDir, { recursive: true });

const report = { client: 'inspector-cli', mode: o.mode, authorizations: [], tools: {}, invocations: [] };

function inspector(methodArgs) {
  const args = [inspectorBin, '--cli', o.server, '--transport', 'http', '--callback-url', callbackUrl, ...methodArgs];
  if (o.mode === 'cimd') args.push('--client-metadata-url', o['client-metadata-url']);
  if (o.mode === 'preregistered') args.push('--client-id', o['client-id'], '--client-secret', process.env.INTEROP_CLIENT_SECRET);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      // HOME isolates the Inspector's catalog and OAuth state per run. MCP_AUTO_OPEN_ENABLED=true lets the CLI start
      // an interactive login without a TTY; BROWSER=true makes its "open the browser" step a no-op (xdg-open honours
      // BROWSER), because this script is the browser.
      env: { ...process.env, HOME: stateDir, MCP_AUTO_OPEN_ENABLED: 'true', BROWSER: 'true', NO_COLOR: '1',
        // tokens kept in a file under HOME, so the later invocations reuse the first one's authorization
        MCP_INSPECTOR_SECRET_STORE: 'file' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = Promise.resolve();
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => {
      stderr += d;
      for (const match of String(d).matchAll(/navigate to:\s*(\S+)/g)) {
        pending = pending.then(() => browse(match[1], methodArgs));
      }
      // The user's answer to the CLI's step-up question ("needs additional scope ... Proceed? [y/N]").
      if (/Proceed with step-up authorization\?/.test(String(d))) {
        report.stepUpPrompts = (report.stepUpPrompts ?? 0) + 1;
        child.stdin.write('y\n');
      }
    });
    child.once('exit', async (status) => {
      await pending;
      const invocation = { args: methodArgs.join(' '), status, stderr: redact(stderr).slice(-600) };
      report.invocations.push(invocation);
      resolve({ status, stdout, stderr });
    });
  });
}

async function browse(href, methodArgs) {
  const url = new URL(href.replace(/\u001b\]8;;.*?\u0007/g, ''));
  try {
    const callback = await authorizeHeadless(url, callbackUrl);
    report.authorizations.push({
      during: methodArgs.join(' '),
      clientId: url.searchParams.get('client_id'),
      scope: url.searchParams.get('scope'),
      resource: url.searchParams.get('resource'),
      codeChallengeMethod: url.searchParams.get('code_challenge_method'),
      iss: callback.searchParams.get('iss'),
    });
    const delivered = await fetch(callback, { redirect: 'manual' });
    await delivered.body?.cancel();
  }
  catch (error) {
    report.browserError = error.message;
  }
}

function redact(text) {
  return text.replace(/(code|state|code_challenge|access_token|refresh_token)=[^&\s]+/g, '$1=<redacted>')
    .replace(/Bearer\s+\S+/g, 'Bearer <redacted>');
}

function parsed(stdout) {
  try {
    return JSON.parse(stdout);
  }
  catch {
    return undefined;
  }
}

try {
  const list = await inspector(['--method', 'tools/list']);
  const tools = parsed(list.stdout)?.tools?.map((t) => t.name);
  if (list.status !== 0 || !tools) throw new Error(`tools/list failed (exit ${list.status}): ${redact(list.stderr).slice(-300)}`);
  report.tools.listed = tools;
  for (const [name, args] of [['whoami', []], ['get_weather', ['--tool-arg', 'city=Paris']]]) {
    const call = await inspector(['--method', 'tools/call', '--tool-name', name, ...args]);
    const result = parsed(call.stdout);
    if (call.status !== 0 || !result) throw new Error(`${name} failed (exit ${call.status}): ${redact(call.stderr).slice(-300)}`);
    const text = result.structuredContent ? JSON.stringify(result.structuredContent)
      : (result.content ?? []).map((c) => c.text ?? '').join(' ');
    report.tools[name] = { isError: Boolean(result.isError), text: text.slice(0, 300) };
  }
  report.ok = true;
}
catch (error) {
  report.ok = false;
  report.error = error.message.replace(/\s+/g, ' ');
}
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(report.ok ? 0 : 1);
