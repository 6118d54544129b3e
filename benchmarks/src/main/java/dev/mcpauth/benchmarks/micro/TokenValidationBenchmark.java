package dev.mcpauth.benchmarks.micro;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.sun.net.httpserver.HttpServer;
import dev.mcpauth.oauth2.server.authorization.keys.ProcessSigningKey;
import dev.mcpauth.oauth2.server.resource.autoconfigure.McpResourceServerProperties;
import dev.mcpauth.oauth2.server.resource.jwt.AccessTokenDecoders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * What the resource server spends on one access token: its own {@link JwtDecoder} (built by
 * {@link AccessTokenDecoders} from {@link McpResourceServerProperties}, as the library's auto-configuration builds
 * the application's) checks the RS256
 * signature and the {@code exp}/{@code nbf}, {@code iss} and {@code aud} claims. The token is minted like the
 * authorization server mints it (its signing key type, Spring's {@link NimbusJwtEncoder}, the same claims); the JWK
 * set is served on loopback and fetched once, as the resource server fetches the authorization server's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenValidationBenchmark {

	static final String ISSUER = "http://localhost:9000";

	static final String RESOURCE = "http://localhost:8001/mcp";

	private HttpServer jwksHost;

	private JwtDecoder decoder;

	private String validToken;

	private String otherAudienceToken;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		JWKSource<SecurityContext> signingKey = ProcessSigningKey.generate();
		JWKSet publicKeys = ((ImmutableJWKSet<SecurityContext>) signingKey).getJWKSet().toPublicJWKSet();
		this.jwksHost = serve(publicKeys.toString());
		String jwkSetUri = "http://127.0.0.1:" + this.jwksHost.getAddress().getPort() + "/oauth2/jwks";

		this.decoder = AccessTokenDecoders
			.create(McpResourceServerProperties.of(RESOURCE, ISSUER).withJwkSetUri(jwkSetUri));

		NimbusJwtEncoder encoder = new NimbusJwtEncoder(signingKey);
		this.validToken = mint(encoder, RESOURCE);
		this.otherAudienceToken = mint(encoder, "http://localhost:8002/mcp");
		// fetches the JWK set now, and proves both tokens behave as the benchmark methods expect
		this.decoder.decode(this.validToken);
		try {
			this.decoder.decode(this.otherAudienceToken);
			throw new IllegalStateException("a token for another resource was accepted");
		}
		catch (JwtValidationException expected) {
			// RS-07: refused for its audience
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.jwksHost.stop(0);
	}

	/** The accepted path: signature, timestamps, issuer, audience. */
	@Benchmark
	public Jwt validToken() {
		return this.decoder.decode(this.validToken);
	}

	/** The refused path: a well-signed token for another resource (RS-07), including the exception. */
	@Benchmark
	public Object tokenForAnotherResource() {
		try {
			return this.decoder.decode(this.otherAudienceToken);
		}
		catch (JwtValidationException ex) {
			return ex;
		}
	}

	/** The claims the authorization server's customizer writes (RFC 9068). */
	private static String mint(NimbusJwtEncoder encoder, String audience) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject("demo")
			.audience(List.of(audience))
			.claim("client_id", "http://localhost:3000/client-metadata.json")
			.claim("scope", "mcp:connect weather:read")
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plus(Duration.ofHours(2)))
			.id(UUID.randomUUID().toString())
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
	}

	private static HttpServer serve(String jwkSet) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		byte[] body = jwkSet.getBytes(StandardCharsets.UTF_8);
		server.createContext("/oauth2/jwks", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		return server;
	}

}
