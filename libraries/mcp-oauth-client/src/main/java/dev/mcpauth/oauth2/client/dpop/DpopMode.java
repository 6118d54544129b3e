package dev.mcpauth.oauth2.client.dpop;

/** Whether the client uses DPoP ({@code mcp.client.dpop}). */
public enum DpopMode {

	/**
	 * DPoP when the authorization server's metadata lists ES256 in {@code dpop_signing_alg_values_supported}; Bearer
	 * otherwise (the default).
	 */
	AUTO,

	/** Never DPoP: no proofs are sent, tokens are requested as Bearer tokens. */
	OFF

}
