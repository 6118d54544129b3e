package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.io.IOException;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends an unauthenticated authorization request whose {@code client_id} is a URL to the login page before the
 * client is resolved, so the Client ID Metadata Document is fetched only after the user has authenticated
 * (SEP-991 "Only fetch client metadata after authenticating the user", checklist AS-25 and §3.6).
 *
 * <p>Spring Authorization Server's authorization endpoint looks the client up first and only then notices that
 * nobody is logged in; for a URL client that lookup is an outbound fetch any anonymous caller could trigger. This
 * filter goes in front of {@code OAuth2AuthorizationEndpointFilter}, saves the request like
 * {@code ExceptionTranslationFilter} does, and starts authentication; after login the saved request resumes and the
 * document is fetched then. A {@code client_id} that the URL policies refuse on syntax alone passes through: the
 * endpoint rejects it without any network access, and the user sees the error page at once.
 */
public final class AuthenticateBeforeFetchFilter extends OncePerRequestFilter {

	private final String authorizationEndpoint;

	private final Predicate<String> wouldFetch;

	private final AuthenticationEntryPoint entryPoint;

	private final RequestCache requestCache = new HttpSessionRequestCache();

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final SecurityContextHolderStrategy securityContexts = SecurityContextHolder.getContextHolderStrategy();

	/**
	 * @param authorizationEndpoint the authorization endpoint path, e.g. {@code /oauth2/authorize}
	 * @param wouldFetch whether resolving this {@code client_id} would fetch a document (it is a URL that passes
	 * the syntactic URL policies)
	 * @param entryPoint how authentication starts (the login page for browsers)
	 */
	public AuthenticateBeforeFetchFilter(String authorizationEndpoint, Predicate<String> wouldFetch,
			AuthenticationEntryPoint entryPoint) {
		this.authorizationEndpoint = authorizationEndpoint;
		this.wouldFetch = wouldFetch;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String clientId = request.getParameter("client_id");
		if (clientId != null && isAuthorizationEndpoint(request) && !isAuthenticated()
				&& this.wouldFetch.test(clientId)) {
			this.requestCache.saveRequest(request, response);
			this.entryPoint.commence(request, response, new InsufficientAuthenticationException(
					"Log in before the client's metadata document is fetched"));
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean isAuthorizationEndpoint(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals(this.authorizationEndpoint)
				&& ("GET".equals(request.getMethod()) || "POST".equals(request.getMethod()));
	}

	private boolean isAuthenticated() {
		Authentication authentication = this.securityContexts.getContext().getAuthentication();
		return this.trustResolver.isAuthenticated(authentication);
	}

}
