// Whether one client x mode run completed the journey, judged from the client's own report (what the SDK did on
// the wire, the authorization requests it made) and from the suite's CIMD host (what the authorization server
// fetched). Each failed check names itself, so the table says what broke.

const PRE_REGISTERED_ID = 'interop-preregistered';

export function verdict(report, { mode, resource, clientMetadataUrl, documentFetches }) {
  const failures = [];
  const notes = [];
  const check = (ok, what) => { if (!ok) failures.push(what); };
  if (!report) return { pass: false, failures: ['no report (the client crashed or timed out)'], notes };
  if (report.error) failures.push(report.error);

  const requests = report.requests;
  if (requests) {
    // discovery in MCP order: PRM from the 401 challenge, then the AS metadata (RFC 9728, RFC 8414)
    check(requests.some((r) => r.method === 'POST' && r.status === 401), 'discovery: no 401 challenge seen');
    check(requests.some((r) => r.url.includes('/.well-known/oauth-protected-resource') && r.status === 200),
      'discovery: protected resource metadata not fetched');
    check(requests.some((r) => /\/\.well-known\/(oauth-authorization-server|openid-configuration)/.test(r.url)
      && r.status === 200), 'discovery: authorization server metadata not fetched');
    const registrations = requests.filter((r) => r.method === 'POST' && r.url.endsWith('/oauth2/register'));
    if (mode === 'rfc7591') check(registrations.some((r) => r.status === 201), 'registration: no RFC 7591 registration (201)');
    else check(registrations.length === 0, `registration: unexpected RFC 7591 registration in mode ${mode}`);
    check(requests.some((r) => r.method === 'POST' && r.status === 403), 'step-up: no 403 insufficient_scope seen');
  }

  const authorizations = report.authorizations ?? [];
  const first = authorizations[0];
  check(authorizations.length >= 2, `authorization: ${authorizations.length} authorization(s), expected initial + step-up`);
  if (first) {
    if (mode === 'cimd') check(first.clientId === clientMetadataUrl, `registration: client_id ${first.clientId} is not the CIMD URL`);
    if (mode === 'preregistered') check(first.clientId === PRE_REGISTERED_ID, `registration: client_id ${first.clientId} is not the pre-registered one`);
    if (mode === 'rfc7591') check(first.clientId && !first.clientId.startsWith('http'), `registration: client_id ${first.clientId} is not a registered id`);
    check(first.codeChallengeMethod === 'S256', 'authorization: PKCE S256 not used');
    check(first.resource === resource, `authorization: resource ${first.resource} is not ${resource} (RFC 8707)`);
    check(first.iss, 'authorization: no iss in the callback (RFC 9207)');
  }
  const stepUp = authorizations.find((a) => (a.scope ?? '').split(' ').includes('weather:read'));
  check(stepUp, 'step-up: no authorization request for weather:read');
  if (mode === 'cimd') {
    check(documentFetches.some((f) => f.method === 'GET' && f.status === 200),
      'registration: the authorization server did not fetch the CIMD document');
    notes.push(`CIMD document fetched ${documentFetches.length}x by the authorization server`);
  }
  const whoami = report.tools?.whoami;
  check(whoami && !whoami.isError && /"subject"\s*:\s*"demo"/.test(whoami.text), 'whoami: no result for the demo user');
  const weather = report.tools?.get_weather;
  check(weather && !weather.isError && weather.text.includes('Paris'), 'get_weather: no weather for Paris');
  notes.push(`${authorizations.length} authorizations (${authorizations.map((a) => a.scope ?? '-').join(' | ')})`);
  return { pass: failures.length === 0, failures, notes };
}
