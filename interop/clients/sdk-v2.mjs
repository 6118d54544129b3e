// Headless client on the official TypeScript SDK v2 (@modelcontextprotocol/client): its Client, its Streamable HTTP
// transport and its OAuth implementation, with an in-memory OAuthClientProvider.
//   node clients/sdk-v2.mjs --server=URL --mode=rfc7591|preregistered|cimd --redirect-url=URL
//        [--client-metadata-url=URL] [--client-id=ID]  (secret: INTEROP_CLIENT_SECRET)
// Prints one JSON report on stdout; exit status 0 when the whole journey completed.
import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import { runJourney } from '../lib/journey.mjs';
import { options } from '../lib/headless.mjs';

const o = options(process.argv.slice(2));
const report = await runJourney({
  name: 'sdk-v2',
  Client,
  StreamableHTTPClientTransport,
  UnauthorizedError,
  // v2's finishAuth takes the callback parameters, so it sees iss (RFC 9207) as well as code
  finishAuthArgument: (callback) => callback.searchParams,
}, {
  server: o.server, mode: o.mode, redirectUrl: o['redirect-url'], clientMetadataUrl: o['client-metadata-url'],
  // the pre-registered client's secret comes from the environment, never from argv
  clientId: o['client-id'], clientSecret: process.env.INTEROP_CLIENT_SECRET,
  keepRefreshToken: o['keep-refresh-token'] !== 'false',
});
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(report.ok ? 0 : 1);
