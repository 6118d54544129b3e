package dev.mcpauth.benchmarks.oauth;

import java.io.IOException;
import java.util.List;

import dev.mcpauth.benchmarks.http.HttpConnection;

/**
 * A confidential service client for the client credentials grant, configured as a production deployment would: a
 * generated secret of 32 random bytes, base64url without padding ({@value #SECRET_LENGTH} characters, 256 bits),
 * which the auth-server stores as a SHA-256 digest (its {@code client-secrets} rule: at least 32 characters and
 * 128 estimated bits). A fresh secret per run, only for this loopback run; never printed.
 *
 * @param clientId the client's id
 * @param secret the raw secret (kept out of {@link #toString()})
 */
public record ServiceClient(String clientId, String secret) {

	/** The secret's length in characters, for the report. */
	public static final int SECRET_LENGTH = 43;

	public static ServiceClient generate(String clientId) {
		return new ServiceClient(clientId, Pkce.randomUrlSafe(32));
	}

	/**
	 * The auth-server's command-line arguments that register this client as {@code clients[index]}: the client
	 * credentials grant only, {@code client_secret_basic}, the secret given as {@code {noop}} (stored as a digest on
	 * first use). A command-line list replaces the profile's list ({@code demo-agent}) as a whole.
	 */
	public List<String> serverArguments(int index) {
		String prefix = "--mcp.authorization-server.clients[" + index + "].";
		return List.of("--mcp.authorization-server.client-credentials.enabled=true", prefix + "client-id=" + this.clientId,
				prefix + "client-secret={noop}" + this.secret, prefix + "client-name=Benchmark service",
				prefix + "grant-types=client_credentials", prefix + "token-endpoint-auth-method=client_secret_basic",
				// required by builds without the client credentials grant (a client had to have one); unused
				prefix + "redirect-uris=http://127.0.0.1/unused");
	}

	/** One client credentials grant ({@code client_secret_basic}) at {@code tokenPath}. */
	public TokenResponse grant(HttpConnection as, String tokenPath, String resource, String scope) throws IOException {
		return AuthorizationCodeFlow.clientCredentials(as, tokenPath, this.clientId, this.secret, resource, scope);
	}

	@Override
	public String toString() {
		return "ServiceClient[clientId=" + this.clientId + ", secret=(hidden, " + this.secret.length() + " characters)]";
	}

}
