package dev.mcpauth.oauth2.client.token;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpauth.oauth2.client.dpop.Jws;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The private key of a {@code private_key_jwt} client (OpenID Connect Core section 9, RFC 7523 section 2.2) and the
 * client assertions it signs: {@code iss} = {@code sub} = the client id, {@code aud} = the authorization server's
 * issuer identifier, a fresh {@code jti}, {@code iat} and an {@code exp} one minute later. The key is a PKCS #8 PEM
 * ({@code -----BEGIN PRIVATE KEY-----}) or a private JWK, EC P-256 (ES256), EC P-384 (ES384) or RSA (RS256); a
 * {@code kid} of the JWK goes into the header. Never printed: {@link #toString()} names only the algorithm.
 */
public final class ClientAssertionKey {

	/** RFC 7523 section 2.2. */
	public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private static final long LIFETIME_SECONDS = 60;

	private final PrivateKey key;

	private final String algorithm;

	private final String keyId;

	private final SecureRandom random = new SecureRandom();

	private ClientAssertionKey(PrivateKey key, String algorithm, String keyId) {
		this.key = key;
		this.algorithm = algorithm;
		this.keyId = keyId;
	}

	/**
	 * @param pemOrJwk a PKCS #8 PEM or a private JWK (JSON object)
	 * @throws IllegalArgumentException with a message that never quotes the key
	 */
	public static ClientAssertionKey parse(String pemOrJwk, JsonMapper json) {
		String text = pemOrJwk == null ? "" : pemOrJwk.trim();
		try {
			if (text.startsWith("{")) {
				return fromJwk(json.readTree(text));
			}
			if (text.contains("-----BEGIN PRIVATE KEY-----")) {
				return fromPkcs8(text);
			}
		}
		catch (JacksonException | GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("the client private key is not a valid PKCS #8 PEM or private JWK ("
					+ ex.getClass().getSimpleName() + ")");
		}
		if (text.contains("-----BEGIN EC PRIVATE KEY-----") || text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
			throw new IllegalArgumentException("the client private key must be PKCS #8 (-----BEGIN PRIVATE KEY-----); "
					+ "convert it with: openssl pkcs8 -topk8 -nocrypt");
		}
		throw new IllegalArgumentException("the client private key is neither a PKCS #8 PEM nor a private JWK");
	}

	/** The JWS algorithm of the assertions: ES256, ES384 or RS256. */
	public String algorithm() {
		return this.algorithm;
	}

	/** A new signed assertion for one token request. */
	public String assertion(String clientId, String audience, Clock clock) {
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("alg", this.algorithm);
		header.put("typ", "JWT");
		if (this.keyId != null) {
			header.put("kid", this.keyId);
		}
		long now = clock.instant().getEpochSecond();
		byte[] jti = new byte[16];
		this.random.nextBytes(jti);
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", clientId);
		claims.put("sub", clientId);
		claims.put("aud", audience);
		claims.put("jti", Jws.base64Url(jti));
		claims.put("iat", now);
		claims.put("exp", now + LIFETIME_SECONDS);
		return Jws.sign(JsonMapper.builder().build(), header, claims, this.key, this.algorithm);
	}

	@Override
	public String toString() {
		return "ClientAssertionKey[" + this.algorithm + ", (hidden)]";
	}

	private static ClientAssertionKey fromPkcs8(String pem) throws GeneralSecurityException {
		String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
		PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
		try {
			PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(spec);
			return new ClientAssertionKey(key, ecAlgorithm(((ECPrivateKey) key).getParams()), null);
		}
		catch (GeneralSecurityException notEc) {
			return new ClientAssertionKey(KeyFactory.getInstance("RSA").generatePrivate(spec), "RS256", null);
		}
	}

	private static ClientAssertionKey fromJwk(JsonNode jwk) throws GeneralSecurityException {
		String kty = text(jwk, "kty");
		String kid = jwk.has("kid") ? text(jwk, "kid") : null;
		if (!jwk.has("d")) {
			throw new IllegalArgumentException("the JWK has no private part (d)");
		}
		if ("EC".equals(kty)) {
			String crv = text(jwk, "crv");
			String curve = switch (crv) {
				case "P-256" -> "secp256r1";
				case "P-384" -> "secp384r1";
				default -> throw new IllegalArgumentException("unsupported curve " + crv);
			};
			AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
			parameters.init(new ECGenParameterSpec(curve));
			ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
			PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(number(jwk, "d"), spec));
			return new ClientAssertionKey(key, crv.equals("P-256") ? "ES256" : "ES384", kid);
		}
		if ("RSA".equals(kty)) {
			PrivateKey key = KeyFactory.getInstance("RSA")
				.generatePrivate(new RSAPrivateKeySpec(number(jwk, "n"), number(jwk, "d")));
			return new ClientAssertionKey(key, "RS256", kid);
		}
		throw new IllegalArgumentException("unsupported key type " + kty);
	}

	private static String ecAlgorithm(ECParameterSpec params) {
		int bits = params.getCurve().getField().getFieldSize();
		return switch (bits) {
			case 256 -> "ES256";
			case 384 -> "ES384";
			default -> throw new IllegalArgumentException("unsupported EC key size " + bits);
		};
	}

	private static String text(JsonNode jwk, String member) {
		JsonNode node = jwk.get(member);
		if (node == null || !node.isString()) {
			throw new IllegalArgumentException("the JWK has no " + member);
		}
		return node.asString();
	}

	private static BigInteger number(JsonNode jwk, String member) {
		return new BigInteger(1, Base64.getUrlDecoder().decode(text(jwk, member)));
	}

}
