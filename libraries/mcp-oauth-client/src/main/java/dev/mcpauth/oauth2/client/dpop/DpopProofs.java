package dev.mcpauth.oauth2.client.dpop;

import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * DPoP proofs (RFC 9449 section 4) for one client instance: an EC P-256 key made at construction and kept in memory
 * only, a fresh proof per request ({@code typ=dpop+jwt}, {@code alg=ES256}, the public {@code jwk}; claims
 * {@code jti}, {@code htm}, {@code htu}, {@code iat}, {@code ath} when a token goes along, {@code nonce} when the
 * origin gave one), and the nonces servers gave, per origin (RFC 9449 sections 8 and 9). Thread-safe.
 * <p>
 * The trace shows the key's thumbprint and, per proof, method, target and whether a nonce was included; never the
 * proof itself.
 */
public final class DpopProofs {

	/** The only algorithm this client signs proofs with. */
	public static final String ALGORITHM = "ES256";

	private final KeyPair keyPair;

	private final Map<String, Object> publicJwk;

	private final String thumbprint;

	private final JsonMapper json;

	private final Clock clock;

	private final AuthorizationTraceListener trace;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, String> nonces = new ConcurrentHashMap<>();

	public DpopProofs(JsonMapper json, Clock clock, AuthorizationTraceListener trace) {
		this.json = json;
		this.clock = clock;
		this.trace = trace;
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), this.random);
			this.keyPair = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot create an EC P-256 key for DPoP", ex);
		}
		ECPublicKey key = (ECPublicKey) this.keyPair.getPublic();
		String x = Jws.base64Url(coordinate(key.getW().getAffineX()));
		String y = Jws.base64Url(coordinate(key.getW().getAffineY()));
		Map<String, Object> jwk = new LinkedHashMap<>();
		jwk.put("kty", "EC");
		jwk.put("crv", "P-256");
		jwk.put("x", x);
		jwk.put("y", y);
		this.publicJwk = Map.copyOf(jwk);
		// RFC 7638 section 3.2: the required members in lexicographic order, no whitespace.
		this.thumbprint = Jws.sha256("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}");
	}

	/** The RFC 7638 SHA-256 thumbprint of the public key, the {@code cnf.jkt} a bound token carries. */
	public String thumbprint() {
		return this.thumbprint;
	}

	/** The public key as a JWK ({@code kty}, {@code crv}, {@code x}, {@code y}). */
	public Map<String, Object> publicJwk() {
		return this.publicJwk;
	}

	/**
	 * A new proof for one request.
	 * @param method the HTTP method ({@code htm})
	 * @param target the request URI; {@code htu} is it without query and fragment (RFC 9449 section 4.2)
	 * @param accessToken the token sent with the request ({@code ath}), or {@code null} (token requests)
	 */
	public String proof(String method, URI target, String accessToken) {
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("typ", "dpop+jwt");
		header.put("alg", ALGORITHM);
		header.put("jwk", this.publicJwk);
		Map<String, Object> claims = new LinkedHashMap<>();
		byte[] jti = new byte[16];
		this.random.nextBytes(jti);
		claims.put("jti", Jws.base64Url(jti));
		claims.put("htm", method);
		String htu = htu(target);
		claims.put("htu", htu);
		claims.put("iat", this.clock.instant().getEpochSecond());
		if (accessToken != null) {
			claims.put("ath", Jws.sha256(accessToken));
		}
		Optional<String> nonce = nonce(target);
		nonce.ifPresent(value -> claims.put("nonce", value));
		this.trace.verbose("DPoP proof attached: htm=" + method + " htu=" + htu + " nonce=" + (nonce.isPresent() ? "yes" : "no")
				+ (accessToken != null ? " ath=yes" : ""));
		return Jws.sign(this.json, header, claims, this.keyPair.getPrivate(), ALGORITHM);
	}

	/** Keeps the nonce an origin sent in {@code DPoP-Nonce} for the next proofs to it; blank values are ignored. */
	public void rememberNonce(URI target, String nonce) {
		if (nonce != null && !nonce.isBlank()) {
			this.nonces.put(origin(target), nonce.trim());
		}
	}

	public Optional<String> nonce(URI target) {
		return Optional.ofNullable(this.nonces.get(origin(target)));
	}

	/** {@code htu}: scheme and host lower-cased, the default port dropped, the path kept, no query or fragment. */
	public static String htu(URI target) {
		String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
		return origin(target) + path;
	}

	/** {@code scheme://host[:port]}, lower-cased, without the scheme's default port (RFC 6454 origin). */
	public static String origin(URI target) {
		String scheme = target.getScheme().toLowerCase(Locale.ROOT);
		int port = target.getPort();
		boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
		String host = target.getHost().toLowerCase(Locale.ROOT);
		return scheme + "://" + host + (defaultPort ? "" : ":" + port);
	}

	/** A P-256 coordinate as the 32 big-endian bytes JWK asks for (RFC 7518 section 6.2.1.2). */
	private static byte[] coordinate(BigInteger value) {
		byte[] raw = value.toByteArray();
		byte[] out = new byte[32];
		int copy = Math.min(raw.length, 32);
		System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
		return out;
	}

}
