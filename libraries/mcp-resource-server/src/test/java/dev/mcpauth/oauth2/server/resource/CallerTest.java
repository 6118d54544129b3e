package dev.mcpauth.oauth2.server.resource;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.modelcontextprotocol.common.McpTransportContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What a tool learns about its caller: the claims of the token that authenticated the request, taken on the
 * request's thread and read on any other.
 */
class CallerTest {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

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
	void theContextHoldsTheClaimsButNeverTheToken() throws Exception { // RS-09
		SecurityContextHolder.getContext().setAuthentication(authentication(Map.of(), "SCOPE_mcp:connect"));
		McpTransportContext context = Caller.extractor().extract(null);
		Object captured = context.get(Caller.class.getName());
		assertThat(captured).isNotNull();
		for (Field field : captured.getClass().getDeclaredFields()) {
			field.setAccessible(true);
			Object value = field.get(captured);
			if (value == null) {
				continue; // the caller, built on first use
			}
			assertThat(value).as(field.getName()).isNotInstanceOf(AbstractOAuth2Token.class)
				.isNotInstanceOf(Authentication.class);
			assertThat(String.valueOf(value)).as(field.getName()).doesNotContain(TOKEN);
		}
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
		Jwt.Builder jwt = Jwt.withTokenValue(TOKEN)
			.header("alg", "RS256")
			.subject("alice")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60));
		claims.forEach(jwt::claim);
		return new JwtAuthenticationToken(jwt.build(), AuthorityUtils.createAuthorityList(authorities));
	}

}
