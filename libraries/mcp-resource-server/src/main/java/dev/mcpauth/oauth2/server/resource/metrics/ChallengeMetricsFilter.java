package dev.mcpauth.oauth2.server.resource.metrics;

import java.io.IOException;

import dev.mcpauth.oauth2.server.resource.web.RequestDispatchFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Counts the challenges the server sent, read from the finished response so that every path that challenges (entry
 * point, failure handler, access denied handler, the DPoP filter) is covered. The first {@code WWW-Authenticate}
 * header decides, whether its scheme is {@code Bearer} or {@code DPoP} (RFC 9449 section 7.1; in {@code optional}
 * mode a request without credentials gets both, counted once): {@code missing_token} (401 without {@code error}),
 * {@code invalid_token} (401), {@code invalid_request} (400), {@code insufficient_scope} (403), and for DPoP
 * {@code invalid_dpop_proof} and {@code use_dpop_nonce} (401). An {@code insufficient_scope} challenge is also
 * handed to the {@link StepUpTracker}. The header is read without regular expressions; a request that was not
 * challenged costs one header look-up.
 */
public final class ChallengeMetricsFilter extends RequestDispatchFilter {

	private final ResourceServerMetrics metrics;

	private final StepUpTracker stepUps;

	private final RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

	public ChallengeMetricsFilter(ResourceServerMetrics metrics, StepUpTracker stepUps) {
		this.metrics = metrics;
		this.stepUps = stepUps;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, response);
		String challenge = response.getHeader(HttpHeaders.WWW_AUTHENTICATE);
		if (challenge == null || !(isScheme(challenge, "Bearer") || isScheme(challenge, "DPoP"))) {
			return;
		}
		String error = parameter(challenge, "error");
		String kind = (error != null) ? error : "missing_token";
		switch (kind) {
			case "missing_token", "invalid_token", "invalid_request", "invalid_dpop_proof", "use_dpop_nonce" ->
				this.metrics.challenge(kind).increment();
			case "insufficient_scope" -> {
				this.metrics.challenge(kind).increment();
				String scope = parameter(challenge, "scope");
				if (scope != null) {
					// the caller as the bearer or DPoP filter stored it for this request (the holder is cleared here)
					this.stepUps.challenged(this.contexts.loadDeferredContext(request).get().getAuthentication(),
							scope);
				}
			}
			default -> this.metrics.challenge("other").increment();
		}
	}

	/** {@code Bearer} or {@code DPoP} as the challenge's scheme: the first token, case-insensitive (RFC 9110 11.1). */
	static boolean isScheme(String challenge, String scheme) {
		return challenge.regionMatches(true, 0, scheme, 0, scheme.length())
				&& (challenge.length() == scheme.length() || challenge.charAt(scheme.length()) == ' ');
	}

	/**
	 * The value of a quoted parameter of the first challenge, as this server writes them ({@code name="value"},
	 * values without quotes inside: {@code BearerChallenge.quote}); {@code null} if absent. A parameter name is
	 * matched only at a parameter's start (after the scheme or a comma), so {@code error} never matches inside
	 * {@code error_description} or a quoted value.
	 */
	static String parameter(String challenge, String name) {
		int i = challenge.indexOf(' ');
		boolean quoted = false;
		boolean start = true;
		for (i = (i < 0) ? challenge.length() : i + 1; i < challenge.length(); i++) {
			char c = challenge.charAt(i);
			if (quoted) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
			}
			else if (c == '"') {
				quoted = true;
				start = false;
			}
			else if (c == ',') {
				start = true;
			}
			else if (start && c != ' ') {
				start = false;
				int equals = i + name.length();
				if (challenge.regionMatches(true, i, name, 0, name.length()) && equals + 1 < challenge.length()
						&& challenge.charAt(equals) == '=' && challenge.charAt(equals + 1) == '"') {
					int end = challenge.indexOf('"', equals + 2);
					return (end < 0) ? null : challenge.substring(equals + 2, end);
				}
			}
		}
		return null;
	}

}
