package dev.mcpauth.oauth2.server.authorization.keys;

import java.time.Instant;

/**
 * One row of the {@code signing_key} table. {@code publicJwk} is JSON; {@code privateKey} is encrypted (see
 * {@link PrivateKeyEncryption}) and empty once the key is retired.
 */
record StoredSigningKey(String kid, String algorithm, String publicJwk, String privateKey, Instant createdAt,
		Instant activatedAt, Instant retiredAt, Instant removeAfter) {

	boolean isNext() {
		return this.activatedAt == null;
	}

	boolean isActive() {
		return this.activatedAt != null && this.retiredAt == null;
	}

	boolean isRetired() {
		return this.retiredAt != null;
	}

}
