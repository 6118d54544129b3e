package dev.mcpauth.oauth2.server.resource.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the authorization server in tests: real RSA keys, a real JWKS endpoint on a loopback port (a JDK
 * {@link HttpServer}), and tokens minted and signed here. One instance serves the whole test JVM.
 */
public final class TestAuthorizationServer {

	public static final String ISSUER = "http://localhost:9000";

	public static final String CLIENT_ID = "http://localhost:3000/client-metadata.json";

	private static final TestAuthorizationServer INSTANCE = new TestAuthorizationServer();

	private final RSAKey signingKey = generate("test-key-1");

	/** A key of the same shape that the JWKS never publishes: tokens signed with it are forgeries. */
	private final RSAKey strangerKey = generate("test-key-1");

	private final List<JWK> published = new CopyOnWriteArrayList<>(List.of(this.signingKey.toPublicJWK()));

	private final AtomicInteger jwksRequests = new AtomicInteger();

	private final HttpServer server;

	private TestAuthorizationServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/oauth2/jwks", exchange -> {
			this.jwksRequests.incrementAndGet();
			byte[] body = new JWKSet(new ArrayList<>(this.published)).toString(true).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	public static TestAuthorizationServer get() {
		return INSTANCE;
	}

	public String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/oauth2/jwks";
	}

	/** The published JWK set (public keys), for tests that serve it from a host of their own. */
	public String jwkSetJson() {
		return new JWKSet(new ArrayList<>(this.published)).toString(true);
	}

	public int jwksRequests() {
		return this.jwksRequests.get();
	}

	/** Publishes a new key in the JWKS (key rotation) and returns it for signing. */
	public RSAKey rotateIn(String kid) {
		RSAKey key = generate(kid);
		this.published.add(key.toPublicJWK());
		return key;
	}

	/** A valid access token for {@code resource} with the given space-separated scopes. */
	public String token(String resource, String scope) {
		return token(resource, claims -> claims.claim("scope", scope));
	}

	/** A token with default valid claims, adjusted by {@code customizer}, signed with the published key. */
	public String token(String resource, Consumer<JWTClaimsSet.Builder> customizer) {
		return sign(this.signingKey, claims(resource, customizer));
	}

	public String tokenSignedByStranger(String resource, String scope) {
		return sign(this.strangerKey, claims(resource, claims -> claims.claim("scope", scope)));
	}

	public String tokenSignedWith(RSAKey key, String resource, String scope) {
		return sign(key, claims(resource, claims -> claims.claim("scope", scope)));
	}

	/** {@code alg: none}: an unsecured JWT (RFC 7519 section 6). */
	public String unsecuredToken(String resource, String scope) {
		return new PlainJWT(claims(resource, claims -> claims.claim("scope", scope))).serialize();
	}

	/** HS256 keyed with the public modulus, the classic RS256/HS256 confusion attack. */
	public String hmacToken(String resource, String scope) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(this.signingKey.getKeyID())
				.build(), claims(resource, claims -> claims.claim("scope", scope)));
			jwt.sign(new MACSigner(this.signingKey.toRSAPublicKey().getModulus().toByteArray()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JWTClaimsSet claims(String resource, Consumer<JWTClaimsSet.Builder> customizer) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("alice")
			.audience(resource)
			.claim("client_id", CLIENT_ID)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString());
		customizer.accept(claims);
		return claims.build();
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generate(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
