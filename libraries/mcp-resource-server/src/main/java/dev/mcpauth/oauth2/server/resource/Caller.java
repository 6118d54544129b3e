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
		List<String> audience = jwt.getAudience() == null ? List.of() : jwt.getAudience();
		return new Caller(String.valueOf(jwt.getSubject()), SessionOwner.clientIdOf(jwt),
				List.copyOf(Scopes.granted(authentication.getAuthorities())), audience);
	}

	/** The caller of the current tool invocation, as captured from the HTTP request by {@link #extractor()}. */
	public static Caller from(McpTransportContext context) {
		if (context.get(KEY) instanceof Caller caller) {
			return caller;
		}
		throw new IllegalStateException("No authenticated caller in this MCP request");
	}

	/**
	 * Copies the caller out of Spring Security's context while the HTTP request is still on its servlet thread, so
	 * tools see it whatever thread they run on.
	 */
	public static McpTransportContextExtractor<ServerRequest> extractor() {
		return request -> {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication instanceof JwtAuthenticationToken jwt) {
				return McpTransportContext.create(Map.of(KEY, of(jwt)));
			}
			return McpTransportContext.EMPTY;
		};
	}

}
