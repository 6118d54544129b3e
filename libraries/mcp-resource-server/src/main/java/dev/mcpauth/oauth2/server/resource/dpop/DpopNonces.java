package dev.mcpauth.oauth2.server.resource.dpop;

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

/**
 * Stateless server-provided nonces (RFC 9449 section 9): {@code base64url(step || HMAC-SHA256(key, step)[0..16])}
 * where {@code step} is the current time divided by the step length. A nonce is accepted during its own step and
 * the next one, so it lives between one and two steps; replicas that share the key accept each other's nonces
 * without sharing any state.
 */
public final class DpopNonces {

	private static final byte[] LABEL = "mcp-resource-server dpop nonce v1".getBytes(StandardCharsets.US_ASCII);

	private static final int MAC_BYTES = 16;

	private final SecretKeySpec key;

	private final long stepMillis;

	private final Clock clock;

	/**
	 * @param secret the shared secret, or {@code null} for a random key of this process
	 * @param step the step length
	 * @param clock the clock
	 */
	public DpopNonces(String secret, Duration step, Clock clock) {
		byte[] material;
		if (secret != null) {
			material = sha256(secret.getBytes(StandardCharsets.UTF_8));
		}
		else {
			material = new byte[32];
			new SecureRandom().nextBytes(material);
		}
		this.key = new SecretKeySpec(material, "HmacSHA256");
		this.stepMillis = Math.max(1000, step.toMillis());
		this.clock = clock;
	}

	/** @return the nonce of the current step */
	public String current() {
		return encode(currentStep());
	}

	/**
	 * @param nonce a nonce from a proof
	 * @return whether this server issued it during the current or the previous step
	 */
	public boolean isValid(String nonce) {
		if (nonce == null || nonce.length() > 64) {
			return false;
		}
		byte[] raw;
		try {
			raw = Base64.getUrlDecoder().decode(nonce);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (raw.length != Long.BYTES + MAC_BYTES) {
			return false;
		}
		long step = ByteBuffer.wrap(raw, 0, Long.BYTES).getLong();
		long current = currentStep();
		if (step != current && step != current - 1) {
			return false;
		}
		return MessageDigest.isEqual(Arrays.copyOfRange(raw, Long.BYTES, raw.length), mac(step));
	}

	private long currentStep() {
		return Math.floorDiv(this.clock.millis(), this.stepMillis);
	}

	private String encode(long step) {
		ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + MAC_BYTES);
		buffer.putLong(step).put(mac(step));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	private byte[] mac(long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			mac.update(LABEL);
			mac.update(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
			return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static byte[] sha256(byte[] value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
