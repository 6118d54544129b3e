package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the JWS signing keys come from, under {@code mcp.authorization-server.keys}.
 *
 * @param store {@code process}: one RSA key generated at start-up, lost at a restart; {@code database}: keys in the
 * {@code signing_key} table (the library's Flyway migrations), the same for every instance, rotated, surviving
 * restarts
 * @param encryptionKey with {@code store=database}: the AES-256 key (base64 of 32 bytes, e.g. the output of
 * {@code openssl rand -base64 32}) encrypting the private keys at rest (AES-GCM); the same on every instance.
 * Required unless the database is an embedded in-memory one, where a key made for the process is used
 * @param rotationInterval with {@code store=database}: how long a key signs before the next one takes over
 * @param publishAhead with {@code store=database}: how long a new key is published in the JWKS before it signs; at
 * least the resource servers' JWKS cache time, and longer than {@code refresh-interval}
 * @param retentionMargin with {@code store=database}: extra time a retired public key stays in the JWKS after
 * access-token TTL + refresh interval (clock skew)
 * @param refreshInterval with {@code store=database}: how often each instance reloads the keys from the database
 * and checks whether a rotation or a removal is due
 */
@ConfigurationProperties("mcp.authorization-server.keys")
public record SigningKeyProperties(
		@DefaultValue("process") Store store,
		String encryptionKey,
		@DefaultValue("30d") Duration rotationInterval,
		@DefaultValue("10m") Duration publishAhead,
		@DefaultValue("5m") Duration retentionMargin,
		@DefaultValue("30s") Duration refreshInterval) {

	/** Where the signing keys live. */
	public enum Store {

		/** One key for the life of the process. */
		PROCESS,

		/** Keys in the database, encrypted, rotated. */
		DATABASE

	}

}
