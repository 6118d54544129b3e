package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How OAuth client secrets ({@code client_secret_basic}, {@code client_secret_post}) are stored and verified;
 * user passwords are never concerned. A high-entropy secret is kept as a single SHA-256 digest, every other one
 * with BCrypt (RFC 6819 §5.1.4.1.3: the slow, salted hash is for credentials that lack entropy).
 *
 * @param digestHighEntropy store and verify secrets that meet the rule below as {@code {sha256}} digests (a
 * constant-time comparison of one SHA-256 instead of a BCrypt verification, about 70 ms of CPU, per client
 * authentication); when off, every secret is hashed with BCrypt, as Spring Authorization Server does by default
 * @param minLength the fewest characters of a high-entropy secret (whitespace never qualifies)
 * @param minEntropyBits the fewest bits of a high-entropy secret, estimated as its length times the Shannon entropy
 * of its characters; at least 128 (RFC 6749 §10.10). Generate secrets, e.g. {@code openssl rand -base64 32}
 */
@ConfigurationProperties("mcp.authorization-server.client-secrets")
public record ClientSecretsProperties(@DefaultValue("true") boolean digestHighEntropy,
		@DefaultValue("32") int minLength, @DefaultValue("128") int minEntropyBits) {
}
