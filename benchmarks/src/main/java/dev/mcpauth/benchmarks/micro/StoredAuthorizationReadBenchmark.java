package dev.mcpauth.benchmarks.micro;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.mcpauth.oauth2.server.authorization.store.StoredAuthorizationJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * One read of a stored authorization's {@code attributes} column (authorization request with PKCE and
 * {@code resource}, the signed-in principal; no servlet request details, the runner has no servlet API) and of its access token's metadata (claims with {@code cnf.jkt}), with
 * the mapper {@code JdbcOAuth2AuthorizationService} builds and with {@link StoredAuthorizationJson}'s. Two threads,
 * so the framework mapper's rebuilds meet on Jackson's deserializer cache lock as token requests do (issue 18).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class StoredAuthorizationReadBenchmark {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper framework = JsonMapper.builder()
		.addModules(SecurityJacksonModules.getModules(StoredAuthorizationReadBenchmark.class.getClassLoader()))
		.build();

	private final JsonMapper stored = StoredAuthorizationJson.jsonMapper();

	private String attributes;

	private String accessTokenMetadata;

	@Setup(Level.Trial)
	public void setUp() {
		String resource = "http://localhost:8001/mcp";
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
		parameters.put("code_challenge_method", "S256");
		parameters.put("resource", resource);
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("http://localhost:9000/oauth2/authorize")
			.clientId("https://app.example.com/oauth/client-metadata.json")
			.redirectUri("http://127.0.0.1:33418/callback")
			.scopes(new LinkedHashSet<>(List.of("mcp:tools")))
			.state("state-value")
			.additionalParameters(parameters)
			.build();
		List<GrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_USER"),
				FactorGrantedAuthority.withAuthority("FACTOR_PASSWORD").issuedAt(Instant.now()).build()));
		UsernamePasswordAuthenticationToken principal = UsernamePasswordAuthenticationToken
			.authenticated(new User("alice", "", authorities), null, authorities);
		Map<String, Object> attributes = new HashMap<>();
		attributes.put(OAuth2AuthorizationRequest.class.getName(), request);
		attributes.put("java.security.Principal", principal);
		Map<String, Object> confirmation = new HashMap<>();
		confirmation.put("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", "alice");
		claims.put("aud", Collections.singletonList(resource));
		claims.put("iat", Instant.now());
		claims.put("exp", Instant.now().plusSeconds(300));
		claims.put("scope", "mcp:tools");
		claims.put("cnf", confirmation);
		Map<String, Object> metadata = new HashMap<>();
		metadata.put("metadata.token.claims", claims);
		metadata.put("metadata.token.invalidated", false);
		this.attributes = this.framework.writeValueAsString(Collections.unmodifiableMap(attributes));
		this.accessTokenMetadata = this.framework.writeValueAsString(Collections.unmodifiableMap(metadata));
		if (!this.stored.readValue(this.attributes, MAP).equals(this.framework.readValue(this.attributes, MAP))) {
			throw new IllegalStateException("the two mappers read the attributes differently");
		}
	}

	@Benchmark
	public Object frameworkMapper() {
		this.framework.readValue(this.attributes, MAP);
		return this.framework.readValue(this.accessTokenMetadata, MAP);
	}

	@Benchmark
	public Object storedAuthorizationJson() {
		this.stored.readValue(this.attributes, MAP);
		return this.stored.readValue(this.accessTokenMetadata, MAP);
	}

}
