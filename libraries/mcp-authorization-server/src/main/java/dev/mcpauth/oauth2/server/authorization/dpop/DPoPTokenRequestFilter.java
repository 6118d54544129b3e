package dev.mcpauth.oauth2.server.authorization.dpop;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of the token endpoint: the parts of RFC 9449 that Spring Authorization Server's proof verification
 * leaves out. Spring verifies the proof itself ({@code typ}, signature with the embedded public {@code jwk},
 * {@code htm}, {@code htu}, {@code iat} within 30 seconds, {@code jti} not seen before) and binds the token; this
 * filter, before it:
 *
 * <ul>
 * <li>accepts only the algorithms advertised as {@code dpop_signing_alg_values_supported} (Spring would also take
 * ES256K); another one is {@code invalid_dpop_proof};</li>
 * <li>with nonces required, answers a proof without a current server nonce with 400 {@code use_dpop_nonce} and a
 * {@code DPoP-Nonce} header (RFC 9449 §8), and puts a fresh {@code DPoP-Nonce} on every token response;</li>
 * <li>compares {@code htu} after RFC 3986 §6.2.2/§6.2.3 normalisation, and also accepts the advertised
 * {@code token_endpoint} (the URL a client behind a TLS-terminating proxy signs, RFC 9449 §4.3 check 9);</li>
 * <li>with DPoP disabled, hides the {@code DPoP} header, so the request gets a Bearer token as from a server that
 * does not support DPoP.</li>
 * </ul>
 * The proof is parsed here only to read those members; nothing is trusted before Spring has verified it.
 */
public final class DPoPTokenRequestFilter extends OncePerRequestFilter {

	/** RFC 9449 §4.1: the request header. */
	public static final String DPOP = "DPoP";

	/** RFC 9449 §8.1: the response header. */
	public static final String DPOP_NONCE = "DPoP-Nonce";

	/** RFC 9449 §8: the error when a nonce is missing or no longer accepted. */
	public static final String USE_DPOP_NONCE = "use_dpop_nonce";

	/** RFC 9449 §5: the error for an invalid proof. */
	public static final String INVALID_DPOP_PROOF = "invalid_dpop_proof";

	/**
	 * The JWS algorithms proofs may use: those Spring's {@code DPoPProofJwtDecoderFactory} verifies (RSA and EC
	 * families) less ES256K, which is not widely supported and not advertised.
	 */
	public static final List<String> SIGNING_ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384",
			"PS512", "ES256", "ES384", "ES512");

	private final RequestMatcher tokenEndpoint;

	private final String advertisedTokenEndpoint;

	private final boolean enabled;

	private final DPoPNonces nonces;

	/**
	 * @param tokenEndpoint matches token requests
	 * @param advertisedTokenEndpoint the {@code token_endpoint} of the metadata (issuer + path)
	 * @param enabled whether DPoP is offered at all
	 * @param nonces the nonce source when nonces are required, else {@code null}
	 */
	public DPoPTokenRequestFilter(RequestMatcher tokenEndpoint, String advertisedTokenEndpoint, boolean enabled,
			DPoPNonces nonces) {
		this.tokenEndpoint = tokenEndpoint;
		this.advertisedTokenEndpoint = advertisedTokenEndpoint;
		this.enabled = enabled;
		this.nonces = nonces;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.tokenEndpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.enabled) {
			chain.doFilter(new WithoutDPoP(request), response);
			return;
		}
		if (this.nonces != null) {
			response.setHeader(DPOP_NONCE, this.nonces.next());
		}
		List<String> proofs = Collections.list(request.getHeaders(DPOP));
		if (proofs.size() != 1) {
			// none: a Bearer token request; several: Spring answers invalid_request
			chain.doFilter(request, response);
			return;
		}
		SignedJWT proof;
		String htu;
		try {
			proof = SignedJWT.parse(proofs.get(0));
			htu = proof.getJWTClaimsSet().getStringClaim("htu");
		}
		catch (ParseException ex) {
			error(response, INVALID_DPOP_PROOF, "The DPoP proof is not a signed JWT");
			return;
		}
		if (!SIGNING_ALGORITHMS.contains(proof.getHeader().getAlgorithm().getName())) {
			error(response, INVALID_DPOP_PROOF, "The DPoP proof's alg is not supported");
			return;
		}
		if (this.nonces != null) {
			String nonce;
			try {
				nonce = proof.getJWTClaimsSet().getStringClaim("nonce");
			}
			catch (ParseException ex) {
				nonce = null;
			}
			if (!this.nonces.isValid(nonce)) {
				error(response, USE_DPOP_NONCE, "Authorization server requires a current nonce in the DPoP proof");
				return;
			}
		}
		chain.doFilter(sameTarget(request, htu), response);
	}

	/**
	 * The request as Spring's exact {@code htu} comparison should see it: when the proof's {@code htu} equals the
	 * request URL or the advertised token endpoint after normalisation, the request reports {@code htu} as its URL.
	 */
	private HttpServletRequest sameTarget(HttpServletRequest request, String htu) {
		String requestUrl = request.getRequestURL().toString();
		if (htu == null || htu.equals(requestUrl)) {
			return request;
		}
		String target = normalize(htu);
		if (target != null && (target.equals(normalize(requestUrl)) || target.equals(normalize(this.advertisedTokenEndpoint)))) {
			return new HttpServletRequestWrapper(request) {
				@Override
				public StringBuffer getRequestURL() {
					return new StringBuffer(htu);
				}
			};
		}
		return request;
	}

	/** RFC 3986 §6.2.2 (case, percent-encoding, dot segments) and §6.2.3 (default port, empty path). */
	static String normalize(String uri) {
		if (uri == null) {
			return null;
		}
		try {
			URI parsed = new URI(uri).normalize();
			if (parsed.getScheme() == null || parsed.getRawAuthority() == null || parsed.getHost() == null) {
				return null;
			}
			String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
			int port = parsed.getPort();
			if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
				port = -1;
			}
			String path = (parsed.getPath() == null || parsed.getPath().isEmpty()) ? "/" : parsed.getPath();
			return new URI(scheme, null, parsed.getHost().toLowerCase(Locale.ROOT), port, path, null, null)
				.toASCIIString();
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static void error(HttpServletResponse response, String code, String description) throws IOException {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		// constant texts only, nothing from the request
		response.getWriter()
			.write("{\"error\":\"" + code + "\",\"error_description\":\"" + description + "\"}");
	}

	/** The request without its {@code DPoP} header. */
	private static final class WithoutDPoP extends HttpServletRequestWrapper {

		WithoutDPoP(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return DPOP.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return DPOP.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(DPOP::equalsIgnoreCase);
			return Collections.enumeration(names);
		}

	}

}
