package dev.mcpauth.oauth2.server.resource.dpop;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mcpauth.oauth2.server.resource.web.RequestDispatchFilter;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Authenticates {@code Authorization: DPoP <token>} requests (RFC 9449 section 7.1) ahead of the Bearer filter.
 * <ol>
 * <li>The credentials must be one {@code token68}, else 400 {@code invalid_request}.</li>
 * <li>Exactly one {@code DPoP} header with a JWS (RFC 9449 section 4.3, check 1), else 401
 * {@code invalid_dpop_proof}.</li>
 * <li>The access token is validated by the same decoder as Bearer tokens (issuer, audience, signature, expiry; the
 * validated-token cache may answer), and must be DPoP-bound ({@code cnf.jkt}), else 401 {@code invalid_token}.</li>
 * <li>The proof is checked on every request, whether or not the token came from the cache
 * ({@link DpopProofVerifier}).</li>
 * </ol>
 * The caller is then authenticated as with a Bearer token ({@code JwtAuthenticationToken}, the same scopes). The
 * rest of the chain sees the request without its {@code Authorization} header until
 * {@link DpopCredentialsRestoringFilter}, so that neither the Bearer filter nor the DPoP filter that Spring
 * Security's resource server always installs (which checks {@code htu} against the raw request URL, keeps its own
 * fixed replay cache and knows no nonces) looks at it again. In {@code disabled} mode the DPoP scheme is treated as
 * no credentials. Another scheme, or more than one {@code Authorization} header, is left to the Bearer filter.
 */
public final class DpopAuthenticationFilter extends RequestDispatchFilter {

	/** RFC 9449 section 4.1. */
	public static final String DPOP_HEADER = "DPoP";

	private static final String SCHEME = "DPoP";

	private static final Pattern CREDENTIALS = Pattern.compile("^DPoP +([A-Za-z0-9\\-._~+/]+=*)$",
			Pattern.CASE_INSENSITIVE);

	private final DpopMode mode;

	private final JwtDecoder decoder;

	private final Converter<Jwt, ? extends AbstractAuthenticationToken> authentication;

	private final DpopProofVerifier verifier;

	private final DpopTargetUri targetUri;

	private final DpopNonces nonces;

	private final AuthenticationEntryPoint entryPoint;

	private final AuthenticationFailureHandler failureHandler;

	private final SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	private final SecurityContextRepository securityContextRepository = new RequestAttributeSecurityContextRepository();

	private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

	DpopAuthenticationFilter(DpopMode mode, JwtDecoder decoder,
			Converter<Jwt, ? extends AbstractAuthenticationToken> authentication, DpopProofVerifier verifier,
			DpopTargetUri targetUri, DpopNonces nonces, AuthenticationEntryPoint entryPoint,
			AuthenticationFailureHandler failureHandler) {
		this.mode = mode;
		this.decoder = decoder;
		this.authentication = authentication;
		this.verifier = verifier;
		this.targetUri = targetUri;
		this.nonces = nonces;
		this.entryPoint = entryPoint;
		this.failureHandler = failureHandler;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// exactly one Authorization header with the DPoP scheme, read without copying the headers
		Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
		String credentials = (headers != null && headers.hasMoreElements()) ? headers.nextElement() : null;
		if (credentials == null || headers.hasMoreElements() || !isDpopScheme(credentials)) {
			chain.doFilter(request, response);
			return;
		}
		HttpServletRequest withoutCredentials = new DpopCredentialsRequest(request);
		if (this.mode == DpopMode.DISABLED) {
			chain.doFilter(withoutCredentials, response);
			return;
		}
		try {
			if (!authenticate(request, response, credentials)) {
				return;
			}
		}
		catch (DpopAuthenticationException ex) {
			this.securityContextHolderStrategy.clearContext();
			this.entryPoint.commence(request, response, ex);
			return;
		}
		catch (DpopReplayCache.ReplayCacheFullException ex) {
			this.securityContextHolderStrategy.clearContext();
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			DpopAuthenticationEntryPoint.body(response, HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable",
					"Too many DPoP proofs right now");
			return;
		}
		chain.doFilter(withoutCredentials, response);
	}

	/** @return whether the request may continue authenticated; {@code false} when a response was written */
	private boolean authenticate(HttpServletRequest request, HttpServletResponse response, String credentials)
			throws IOException, ServletException {
		Matcher matcher = CREDENTIALS.matcher(credentials);
		if (!matcher.matches()) {
			throw new DpopAuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST,
					"Malformed DPoP credentials (RFC 9449 section 7.1)", HttpStatus.BAD_REQUEST);
		}
		String accessToken = matcher.group(1);
		List<String> proofs = Collections.list(request.getHeaders(DPOP_HEADER));
		if (proofs.isEmpty()) {
			throw DpopAuthenticationException.invalidProof("A DPoP proof is required with the DPoP scheme");
		}
		if (proofs.size() > 1) {
			throw DpopAuthenticationException.invalidProof("Exactly one DPoP header is allowed");
		}
		SignedJWT proof = DpopProofVerifier.parse(proofs.get(0));
		Jwt token;
		try {
			token = this.decoder.decode(accessToken);
		}
		catch (BadJwtException ex) {
			throw new DpopAuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN, ex.getMessage());
		}
		catch (JwtException ex) {
			// the keys cannot be fetched: not the token's fault (503, as on the Bearer path)
			this.securityContextHolderStrategy.clearContext();
			this.failureHandler.onAuthenticationFailure(request, response,
					new AuthenticationServiceException(ex.getMessage(), ex));
			return false;
		}
		if (DpopProofVerifier.boundThumbprint(token) == null) {
			throw new DpopAuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN,
					"The access token is not DPoP-bound (no cnf.jkt)");
		}
		this.verifier.verify(proof, request.getMethod(), this.targetUri.expected(request), accessToken, token);
		AbstractAuthenticationToken authenticated = this.authentication.convert(token);
		if (authenticated == null) {
			throw new DpopAuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN, "The access token was refused");
		}
		authenticated.setDetails(this.details.buildDetails(request));
		SecurityContext context = this.securityContextHolderStrategy.createEmptyContext();
		context.setAuthentication(authenticated);
		this.securityContextHolderStrategy.setContext(context);
		this.securityContextRepository.saveContext(context, request, response);
		if (this.nonces != null) {
			response.setHeader(DpopAuthenticationEntryPoint.DPOP_NONCE, this.nonces.current());
		}
		return true;
	}

	private static boolean isDpopScheme(String credentials) {
		return credentials.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				&& (credentials.length() == SCHEME.length() || credentials.charAt(SCHEME.length()) == ' ');
	}

	/** The request as the rest of the chain sees it until {@link DpopCredentialsRestoringFilter}: no credentials. */
	static final class DpopCredentialsRequest extends HttpServletRequestWrapper {

		DpopCredentialsRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
					: super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(HttpHeaders.AUTHORIZATION::equalsIgnoreCase);
			return Collections.enumeration(names);
		}

		HttpServletRequest original() {
			return (HttpServletRequest) getRequest();
		}

	}

}
