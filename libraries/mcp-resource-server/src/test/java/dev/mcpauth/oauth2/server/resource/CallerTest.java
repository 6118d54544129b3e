package dev.mcpauth.oauth2.server.resource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.modelcontextprotocol.common.McpTransportContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What a tool learns about its caller: the claims of the token that authenticated the request, taken on the
 * request's thread and read on any other.
 */
class CallerTest {

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void theCallerIsTheAuthenticationOfTheRequestEvenWhenReadLaterOnAnotherThread() throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(authentication(Map.of("aud", List.of("https://mcp.example.com/mcp"), "client_id",
					"https://app.example.com/client.json"), "SCOPE_mcp:connect", "SCOPE_weather:read", "ROLE_x"));
		McpTransportContext context = Caller.extractor().extract(null);
		SecurityContextHolder.clearContext();

		Caller caller = CompletableFuture.supplyAsync(() -> Caller.from(context)).get();
		assertThat(caller).isEqualTo(new Caller("alice", "https://app.example.com/client.json",
				List.of("mcp:connect", "weather:read"), List.of("https://mcp.example.com/mcp")));
		assertThat(Caller.from(context)).isSameAs(caller);
	}

	@Test
	void aSingleStringAudienceIsAOneElementList() {
		assertThat(caller(Map.of("aud", "https://mcp.example.com/mcp")).audience())
			.containsExactly("https://mcp.example.com/mcp");
	}

	@Test
	void noAudienceIsAnEmptyList() {
		assertThat(caller(Map.of()).audience()).isEmpty();
	}

	@Test
	void theClientIsTakenFromAzpWhenTheTokenHasNoClientId() {
		assertThat(caller(Map.of("azp", "agent")).clientId()).isEqualTo("agent");
		assertThat(caller(Map.of()).clientId()).isEmpty();
	}

	@Test
	void aRequestWithoutATokenHasNoCaller() {
		McpTransportContext context = Caller.extractor().extract(null);
		assertThatIllegalStateException().isThrownBy(() -> Caller.from(context));
	}

	private static Caller caller(Map<String, Object> claims) {
		SecurityContextHolder.getContext().setAuthentication(authentication(claims, "SCOPE_mcp:connect"));
		return Caller.from(Caller.extractor().extract(null));
	}

	private static JwtAuthenticationToken authentication(Map<String, Object> claims, String... authorities) {
		Jwt.Builder jwt = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("alice")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60));
		claims.forEach(jwt::claim);
		return new JwtAuthenticationToken(jwt.build(), AuthorityUtils.createAuthorityList(authorities));
	}

}
