package dev.mcpauth.oauth2.server.resource;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.mcpauth.oauth2.server.resource.scope.Scopes;
import dev.mcpauth.oauth2.server.resource.session.SessionOwner;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
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

	private static Caller of(Map<String, Object> claims, Collection<? extends GrantedAuthority> authorities) {
		return new Caller(String.valueOf(claims.get(JwtClaimNames.SUB)), clientIdOf(claims),
				List.copyOf(Scopes.granted(authorities)), audienceOf(claims));
	}

	/** As {@link SessionOwner#clientIdOf}: {@code client_id} (RFC 9068 section 2.2), else {@code azp}, else empty. */
	private static String clientIdOf(Map<String, Object> claims) {
		Object clientId = claims.get("client_id");
		if (clientId == null) {
			clientId = claims.get("azp");
		}
		return (clientId == null) ? "" : clientId.toString();
	}

	/**
	 * The {@code aud} claim as the decoder left it (Spring's claim set converter makes it a list of strings), read
	 * without the conversion service that {@code Jwt.getAudience()} goes through.
	 */
	private static List<String> audienceOf(Map<String, Object> claims) {
		Object audience = claims.get(JwtClaimNames.AUD);
		if (audience == null) {
			return List.of();
		}
		if (audience instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).toList();
		}
		return List.of(audience.toString());
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
				return McpTransportContext.create(
						Map.of(KEY, new CapturedCaller(jwt.getToken().getClaims(), jwt.getAuthorities())));
			}
			return McpTransportContext.EMPTY;
		};
	}

	/**
	 * The claims and authorities of one request's token (never the token itself), turned into its {@link Caller}
	 * once, on first use. Both are immutable, so a second thread racing the first builds an equal caller.
	 */
	private static final class CapturedCaller {

		private final Map<String, Object> claims;

		private final Collection<? extends GrantedAuthority> authorities;

		private volatile Caller caller;

		CapturedCaller(Map<String, Object> claims, Collection<? extends GrantedAuthority> authorities) {
			this.claims = claims;
			this.authorities = authorities;
		}

		Caller caller() {
			Caller built = this.caller;
			if (built == null) {
				built = of(this.claims, this.authorities);
				this.caller = built;
			}
			return built;
		}

	}

}
