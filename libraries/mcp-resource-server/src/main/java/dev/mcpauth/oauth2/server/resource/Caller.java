package dev.mcpauth.oauth2.server.resource;

import java.util.List;
import java.util.Map;

import dev.mcpauth.oauth2.server.resource.scope.Scopes;
import dev.mcpauth.oauth2.server.resource.session.SessionOwner;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * What a tool may know about the authenticated caller: claims, never the access token itself.
 *
 * @param subject the token's {@code sub}
 * @param clientId the token's {@code client_id} (or {@code azp})
 * @param scopes the granted scopes
 * @param audience the token's {@code aud}
 */
public record Caller(String subject, String clientId, List<String> scopes, List<String> audience) {

	private static final String KEY = Caller.class.getName();

	public Caller {
		scopes = List.copyOf(scopes);
		audience = List.copyOf(audience);
	}

	static Caller of(JwtAuthenticationToken authentication) {
		Jwt jwt = authentication.getToken();
		return new Caller(String.valueOf(jwt.getSubject()), SessionOwner.clientIdOf(jwt),
				List.copyOf(Scopes.granted(authentication.getAuthorities())), audienceOf(jwt));
	}

	/**
	 * The {@code aud} claim as the decoder left it (Spring's claim set converter makes it a list of strings), read
	 * without the conversion service that {@code Jwt.getAudience()} goes through; any other shape is converted.
	 */
	private static List<String> audienceOf(Jwt jwt) {
		Object audience = jwt.getClaims().get(JwtClaimNames.AUD);
		if (audience == null) {
			return List.of();
		}
		if (audience instanceof String single) {
			return List.of(single);
		}
		if (audience instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
			@SuppressWarnings("unchecked")
			List<String> strings = (List<String>) list;
			return strings;
		}
		List<String> converted = jwt.getAudience();
		return converted == null ? List.of() : converted;
	}

	/** The caller of the current tool invocation, as captured from the HTTP request by {@link #extractor()}. */
	public static Caller from(McpTransportContext context) {
		if (context.get(KEY) instanceof CapturedCaller captured) {
			return captured.caller();
		}
		throw new IllegalStateException("No authenticated caller in this MCP request");
	}

	/**
	 * Takes the caller's authentication out of Spring Security's context while the HTTP request is still on its
	 * servlet thread, so tools see it whatever thread they run on. The {@link Caller} is built from it only when a
	 * tool asks ({@link #from}): most MCP requests (initialize, lists, notifications, tools that ignore the caller)
	 * never need one.
	 */
	public static McpTransportContextExtractor<ServerRequest> extractor() {
		return request -> {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication instanceof JwtAuthenticationToken jwt) {
				return McpTransportContext.create(Map.of(KEY, new CapturedCaller(jwt)));
			}
			return McpTransportContext.EMPTY;
		};
	}

	/**
	 * The authentication of one request, turned into its {@link Caller} once, on first use. The token's claims and
	 * authorities do not change, so a second thread racing the first builds an equal caller.
	 */
	private static final class CapturedCaller {

		private final JwtAuthenticationToken authentication;

		private volatile Caller caller;

		CapturedCaller(JwtAuthenticationToken authentication) {
			this.authentication = authentication;
		}

		Caller caller() {
			Caller built = this.caller;
			if (built == null) {
				built = of(this.authentication);
				this.caller = built;
			}
			return built;
		}

	}

}
