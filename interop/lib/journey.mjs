// The MCP journey every SDK client runs (the same as the project's own client, docs/contracts.md): connect
// (401 -> discovery -> registration -> authorization -> token), call whoami, call get_weather (403
// insufficient_scope -> step-up authorization -> retry). The SDK does the protocol; this file only plays the user
// agent when the SDK asks for one, and records what happened on the wire (method, URL, status; no bodies).
import { authorizeHeadless, HeadlessProvider, recordingFetch, resultText } from './headless.mjs';

const MAX_AUTHORIZATIONS = 4;

/**
 * @param sdk {Client, StreamableHTTPClientTransport, UnauthorizedError, finishAuthArgument(callbackUrl), name}
 * @param opts {server, mode, redirectUrl, clientMetadataUrl, clientId, clientSecret}
 */
export async function runJourney(sdk, opts) {
  const requests = [];
  const fetchFn = recordingFetch(requests);
  const provider = new HeadlessProvider({
    mode: opts.mode,
    redirectUrl: opts.redirectUrl,
    clientName: `Interop ${sdk.name}`,
    clientMetadataUrl: opts.clientMetadataUrl,
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    keepRefreshToken: opts.keepRefreshToken,
  });
  const report = { client: sdk.name, mode: opts.mode, authorizations: [], tools: {}, requests };
  let transport;
  let client;

  const newConnection = async () => {
    transport = new sdk.StreamableHTTPClientTransport(new URL(opts.server), { authProvider: provider, fetch: fetchFn });
    client = new sdk.Client({ name: `interop-${sdk.name}`, version: '1.0.0' }, { capabilities: {} });
    await client.connect(transport);
  };

  // Runs op; when the SDK stops with UnauthorizedError after handing over an authorization URL, acts as the user
  // agent, gives the callback to the SDK (finishAuth), and runs op again.
  const withAuthorization = async (label, op) => {
    for (;;) {
      const before = provider.authorizationUrls.length;
      try {
        return await op();
      }
      catch (error) {
        const asked = provider.authorizationUrls.length > before;
        if (!asked || !isUnauthorized(error, sdk) || report.authorizations.length >= MAX_AUTHORIZATIONS) throw error;
        const url = provider.authorizationUrls.at(-1);
        const callback = await authorizeHeadless(url, opts.redirectUrl);
        report.authorizations.push({
          during: label,
          clientId: url.searchParams.get('client_id'),
          scope: url.searchParams.get('scope'),
          resource: url.searchParams.get('resource'),
          codeChallengeMethod: url.searchParams.get('code_challenge_method'),
          iss: callback.searchParams.get('iss'),
        });
        await transport.finishAuth(sdk.finishAuthArgument(callback));
      }
    }
  };

  try {
    await withAuthorization('connect', newConnection);
    const tools = (await withAuthorization('tools/list', () => client.listTools())).tools.map((t) => t.name);
    report.tools.listed = tools;
    for (const [name, args] of [['whoami', {}], ['get_weather', { city: 'Paris' }]]) {
      const result = await withAuthorization(name, () => client.callTool({ name, arguments: args }));
      report.tools[name] = { isError: Boolean(result.isError), text: resultText(result).slice(0, 300) };
    }
    report.tokens = provider.savedTokens;
    report.clientId = provider.clientInformation()?.client_id;
    await client.close().catch(() => {});
    report.ok = true;
  }
  catch (error) {
    report.ok = false;
    report.error = `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`.replace(/\s+/g, ' ').slice(0, 500);
    report.tokens = provider.savedTokens;
    await client?.close().catch(() => {});
  }
  return report;
}

function isUnauthorized(error, sdk) {
  return error instanceof sdk.UnauthorizedError || error?.name === 'UnauthorizedError'
    || /unauthori[sz]ed/i.test(error?.constructor?.name ?? '');
}
