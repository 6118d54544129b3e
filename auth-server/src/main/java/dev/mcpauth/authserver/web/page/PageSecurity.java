package dev.mcpauth.authserver.web.page;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers of every page: no framing ({@code X-Frame-Options: DENY} and CSP
 * {@code frame-ancestors 'none'}, clickjacking of the consent button is the classic attack on consent pages), and a
 * strict Content Security Policy: nothing but the server's own stylesheet and images, no scripts at all, no
 * {@code <base>}, no referrer.
 *
 * <p>{@code form-action} needs care: browsers apply it to the redirects a form submission follows. The consent
 * form's answer is a redirect to the client, so the consent page allows the redirect URI's origin
 * ({@link #withFormTargets}); the login form's answer can end at the client too (when consent was given before),
 * so the login page sets no {@code form-action} ({@link #LOGIN_POLICY}).
 */
public final class PageSecurity {

	private static final String BASE = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
			+ "frame-ancestors 'none'";

	/** Pages whose forms only ever land on this server (connected clients, logout). */
	public static final String POLICY = BASE + "; form-action 'self'";

	/** The login page: its form's redirects may end at a client (see the class comment). */
	public static final String LOGIN_POLICY = BASE;

	/** The authorization endpoint's error page: no forms at all. */
	public static final String ERROR_PAGE_POLICY = BASE + "; form-action 'none'";

	public static final String HEADER = "Content-Security-Policy";

	private PageSecurity() {
	}

	/** Frame denial, the strict policy and no referrer, on every response of {@code http}'s chain. */
	public static void apply(HttpSecurity http, String policy) throws Exception {
		http.headers((headers) -> headers.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
			.contentSecurityPolicy((csp) -> csp.policyDirectives(policy))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
	}

	/**
	 * Replaces the chain's policy for this response (Spring's writer keeps a policy that is already set), allowing
	 * forms to be sent to this server and to the given origins.
	 */
	public static void withFormTargets(HttpServletResponse response, String... origins) {
		StringBuilder policy = new StringBuilder(BASE).append("; form-action 'self'");
		for (String origin : origins) {
			policy.append(' ').append(origin);
		}
		response.setHeader(HEADER, policy.toString());
	}

	/** Sets {@code policy} for this response instead of the chain's. */
	public static void withPolicy(HttpServletResponse response, String policy) {
		response.setHeader(HEADER, policy);
	}

}
