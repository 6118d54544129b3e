package dev.mcpauth.oauth2.server.authorization.dpop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Stateless DPoP server nonces (RFC 9449 §8): {@code base64url(issued-at seconds) "." base64url(HMAC-SHA256)}
 * truncated to 128 bits, keyed by a secret. Nothing is stored, so every instance configured with the same secret
 * accepts the nonces of the others; a nonce is accepted from its issue time (less a small clock skew) until the
 * lifetime has passed. The nonce only proves freshness: replay within the lifetime is limited by Spring's
 * {@code jti} cache and the proof's {@code iat} window.
 */
public final class DPoPNonces {

	private static final String HMAC = "HmacSHA256";

	private static final int MAC_BYTES = 16;

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec key;

	private final Duration lifetime;

	private final Clock clock;

	public DPoPNonces(byte[] secret, Duration lifetime, Clock clock) {
		Assert.isTrue(secret != null && secret.length > 0, "secret must not be empty");
		Assert.isTrue(lifetime != null && !lifetime.isNegative() && !lifetime.isZero(), "lifetime must be positive");
		this.key = new SecretKeySpec(secret.clone(), HMAC);
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/**
	 * @param secret the configured secret, or blank for a random one (nonces then stay valid in this process only)
	 */
	public static DPoPNonces of(String secret, Duration lifetime) {
		byte[] key;
		if (StringUtils.hasText(secret)) {
			key = secret.getBytes(StandardCharsets.UTF_8);
		}
		else {
			key = new byte[32];
			new SecureRandom().nextBytes(key);
		}
		return new DPoPNonces(key, lifetime, Clock.systemUTC());
	}

	/** A fresh nonce for the {@code DPoP-Nonce} response header. */
	public String next() {
		long issuedAt = this.clock.instant().getEpochSecond();
		return ENCODER.encodeToString(seconds(issuedAt)) + "." + ENCODER.encodeToString(mac(issuedAt));
	}

	/** Whether {@code nonce} was made with this secret and is still within its lifetime. */
	public boolean isValid(String nonce) {
		if (nonce == null || nonce.length() > 64) {
			return false;
		}
		int dot = nonce.indexOf('.');
		if (dot < 0) {
			return false;
		}
		byte[] time;
		byte[] mac;
		try {
			time = Base64.getUrlDecoder().decode(nonce.substring(0, dot));
			mac = Base64.getUrlDecoder().decode(nonce.substring(dot + 1));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (time.length != Long.BYTES) {
			return false;
		}
		long issuedAt = ByteBuffer.wrap(time).getLong();
		if (!MessageDigest.isEqual(mac, mac(issuedAt))) {
			return false;
		}
		long now = this.clock.instant().getEpochSecond();
		return issuedAt <= now + CLOCK_SKEW.toSeconds() && now - issuedAt <= this.lifetime.toSeconds();
	}

	private static byte[] seconds(long epochSecond) {
		return ByteBuffer.allocate(Long.BYTES).putLong(epochSecond).array();
	}

	private byte[] mac(long issuedAt) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(this.key);
			mac.update("mcp-dpop-nonce:".getBytes(StandardCharsets.US_ASCII));
			return Arrays.copyOf(mac.doFinal(seconds(issuedAt)), MAC_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
