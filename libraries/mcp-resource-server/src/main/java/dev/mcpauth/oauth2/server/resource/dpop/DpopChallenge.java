package dev.mcpauth.oauth2.server.resource.dpop;

import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

import dev.mcpauth.oauth2.server.resource.metadata.ProtectedResource;

import static dev.mcpauth.oauth2.server.resource.challenge.BearerChallenge.quote;
import static dev.mcpauth.oauth2.server.resource.challenge.BearerChallenge.shortened;

/**
 * The {@code WWW-Authenticate: DPoP} challenges (RFC 9449 section 7.1), with the same {@code resource_metadata}
 * and {@code scope} parameters as the Bearer ones:
 *
 * <pre>
 * 401, no token:       DPoP algs="ES256 …", resource_metadata="…", scope="mcp:connect"
 * 401, bad proof:      DPoP algs="ES256 …", error="invalid_dpop_proof", error_description="…", resource_metadata="…"
 * 401, nonce needed:   DPoP error="use_dpop_nonce", error_description="…", algs="ES256 …", resource_metadata="…"
 * 401, bad token:      DPoP algs="ES256 …", error="invalid_token", error_description="…", resource_metadata="…", scope="mcp:connect"
 * 403, missing scope:  DPoP algs="ES256 …", error="insufficient_scope", scope="…", resource_metadata="…", error_description="…"
 * </pre>
 */
public final class DpopChallenge {

	private final String algs;

	private final String metadataUrl;

	private final String baseScope;

	/**
	 * @param protectedResource where the metadata lives
	 * @param baseScope the scope named by the 401 challenges
	 * @param algorithms the proof algorithms accepted
	 */
	public DpopChallenge(ProtectedResource protectedResource, String baseScope, List<String> algorithms) {
		this.algs = String.join(" ", algorithms);
		this.metadataUrl = protectedResource.metadataUrl();
		this.baseScope = baseScope;
	}

	/** @return the challenge for a request without credentials */
	public String missingToken() {
		return "DPoP algs=" + quote(this.algs) + ", resource_metadata=" + quote(this.metadataUrl) + ", scope="
				+ quote(this.baseScope);
	}

	/**
	 * @param errorCode {@code invalid_dpop_proof}, {@code use_dpop_nonce}, {@code invalid_token} or
	 * {@code invalid_request}
	 * @param description a short {@code error_description}
	 * @return the challenge
	 */
	public String error(String errorCode, String description) {
		StringJoiner challenge = new StringJoiner(", ", "DPoP ", "");
		// the nonce challenge starts with its error, as in RFC 9449 section 9 (clients look for it first)
		boolean nonce = DpopAuthenticationException.USE_DPOP_NONCE.equals(errorCode);
		if (!nonce) {
			challenge.add("algs=" + quote(this.algs));
		}
		challenge.add("error=" + quote(errorCode));
		if (description != null && !description.isBlank()) {
			challenge.add("error_description=" + quote(shortened(description)));
		}
		if (nonce) {
			challenge.add("algs=" + quote(this.algs));
		}
		challenge.add("resource_metadata=" + quote(this.metadataUrl));
		if ("invalid_token".equals(errorCode)) {
			challenge.add("scope=" + quote(this.baseScope));
		}
		return challenge.toString();
	}

	/**
	 * @param scopes the scopes to re-authorize with
	 * @param description a short {@code error_description}
	 * @return the 403 step-up challenge for a DPoP-bound token
	 */
	public String insufficientScope(Collection<String> scopes, String description) {
		return "DPoP algs=" + quote(this.algs) + ", error=\"insufficient_scope\", scope="
				+ quote(String.join(" ", scopes)) + ", resource_metadata=" + quote(this.metadataUrl)
				+ ", error_description=" + quote(shortened(description));
	}

}
