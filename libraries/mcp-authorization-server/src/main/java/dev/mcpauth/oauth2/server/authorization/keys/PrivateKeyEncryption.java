package dev.mcpauth.oauth2.server.authorization.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private keys at rest: AES-256-GCM with a random 96-bit IV per value and the {@code kid} as additional
 * authenticated data, so a ciphertext copied to another row does not decrypt. Stored form:
 * {@code v1.} + base64url(iv || ciphertext || 128-bit tag).
 */
public final class PrivateKeyEncryption {

	private static final String VERSION = "v1.";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	private PrivateKeyEncryption(byte[] key) {
		this.key = new SecretKeySpec(key, "AES");
	}

	/**
	 * The key from configuration: base64 (standard or URL-safe) of exactly 32 bytes.
	 * @throws IllegalStateException with a message naming the property when the value is not such a key
	 */
	public static PrivateKeyEncryption fromBase64(String encoded) {
		byte[] bytes;
		try {
			String value = encoded.trim();
			bytes = (value.contains("-") || value.contains("_")) ? Base64.getUrlDecoder().decode(value)
					: Base64.getDecoder().decode(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("mcp.authorization-server.keys.encryption-key is not base64", ex);
		}
		if (bytes.length != 32) {
			throw new IllegalStateException("mcp.authorization-server.keys.encryption-key must be 32 bytes (AES-256) in base64, "
					+ "e.g. the output of: openssl rand -base64 32; it has " + bytes.length + " bytes");
		}
		return new PrivateKeyEncryption(bytes);
	}

	/** A random key that lives as long as this object (embedded in-memory databases only). */
	public static PrivateKeyEncryption ephemeral() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return new PrivateKeyEncryption(bytes);
	}

	public String encrypt(String kid, byte[] plaintext) {
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext);
			byte[] stored = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
			return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(stored);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/**
	 * @throws WrongKeyException when the value was not encrypted with this key for this {@code kid}
	 */
	public byte[] decrypt(String kid, String stored) {
		if (stored == null || !stored.startsWith(VERSION)) {
			throw new WrongKeyException("signing key " + kid + " has no private key in a known format");
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(stored.substring(VERSION.length()));
		}
		catch (IllegalArgumentException ex) {
			throw new WrongKeyException("signing key " + kid + " has a corrupt private key");
		}
		if (bytes.length <= IV_BYTES + TAG_BITS / 8) {
			throw new WrongKeyException("signing key " + kid + " has a corrupt private key");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(Arrays.copyOfRange(bytes, IV_BYTES, bytes.length));
		}
		catch (AEADBadTagException ex) {
			throw new WrongKeyException("the private key of signing key " + kid
					+ " does not decrypt with mcp.authorization-server.keys.encryption-key: it was encrypted with another key "
					+ "(every instance sharing the database needs the same mcp.authorization-server.keys.encryption-key)");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/** The stored private key does not decrypt with the configured key. */
	public static final class WrongKeyException extends IllegalStateException {

		WrongKeyException(String message) {
			super(message);
		}

	}

}
