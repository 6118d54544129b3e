// Headless client on the official TypeScript SDK v1 (@modelcontextprotocol/sdk): its Client, its Streamable HTTP
// transport and its OAuth implementation (auth()), with an in-memory OAuthClientProvider.
//   node clients/sdk-v1.mjs --server=URL --mode=rfc7591|preregistered|cimd --redirect-url=URL
//        [--client-metadata-url=URL] [--client-id=ID]  (secret: INTEROP_CLIENT_SECRET)
// Prints one JSON report on stdout; exit status 0 when the whole journey completed.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { runJourney } from '../lib/journey.mjs';
import { options } from '../lib/headless.mjs';

const o = options(process.argv.slice(2));
const report = await runJourney({
  name: 'sdk-v1',
  Client,
  StreamableHTTPClientTransport,
  UnauthorizedError,
  // v1's finishAuth takes the code only
  finishAuthArgument: (callback) => callback.searchParams.get('code'),
}, {
  server: o.server, mode: o.mode, redirectUrl: o['redirect-url'], clientMetadataUrl: o['client-metadata-url'],
  // the pre-registered client's secret comes from the environment, never from argv
  clientId: o['client-id'], clientSecret: process.env.INTEROP_CLIENT_SECRET,
  keepRefreshToken: o['keep-refresh-token'] !== 'false',
});
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(report.ok ? 0 : 1);
