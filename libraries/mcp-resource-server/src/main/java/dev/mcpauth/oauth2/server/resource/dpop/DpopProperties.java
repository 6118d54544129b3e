package dev.mcpauth.oauth2.server.resource.dpop;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DPoP (RFC 9449) settings of the resource server, under {@code mcp.resource-server.dpop}.
 *
 * @param mode Whether DPoP-bound access tokens are accepted ({@code optional}: bound tokens need the DPoP scheme and
 * a valid proof, unbound tokens are accepted as Bearer tokens), demanded ({@code required}: Bearer tokens are
 * refused) or not accepted at all ({@code disabled}). A token bound with {@code cnf} is never accepted with the
 * Bearer scheme, in any mode.
 * @param nonceRequired Whether every DPoP proof must carry a {@code nonce} issued by this server (RFC 9449 section
 * 9): a proof without one, or with a stale one, gets 401 {@code use_dpop_nonce} and a fresh {@code DPoP-Nonce}
 * header. Nonces also limit how long a proof stolen together with its token stays usable at another replica.
 * @param nonceSecret Key of the stateless nonces (an HMAC over a time step of {@code max-proof-age}): replicas with
 * the same secret accept each other's nonces. When not set, a random key per process is used, so nonces are only
 * valid at the instance that issued them. At least 32 characters.
 * @param maxProofAge How old a proof may be ({@code iat} window, RFC 9449 section 11.1), and how long its
 * {@code jti} is remembered against replay; proofs dated more than {@code mcp.resource-server.clock-skew} in the
 * future are refused too. Between 10 seconds and 1 hour.
 * @param replayCacheSize How many proof identifiers ({@code jti}) are remembered per instance within
 * {@code max-proof-age}; when full of live entries, new proofs get 503 rather than the cache forgetting a
 * {@code jti} early. A proof replayed at another replica is not detected by this cache.
 */
@ConfigurationProperties(DpopProperties.PREFIX)
public record DpopProperties(
		@DefaultValue("optional") DpopMode mode,
		@DefaultValue("false") boolean nonceRequired,
		String nonceSecret,
		@DefaultValue("5m") Duration maxProofAge,
		@DefaultValue("100000") int replayCacheSize) {

	/** The prefix of every key of this record. */
	public static final String PREFIX = "mcp.resource-server.dpop";

	public DpopProperties {
		if (mode == null) {
			mode = DpopMode.OPTIONAL;
		}
		if (nonceSecret != null && nonceSecret.isBlank()) {
			nonceSecret = null;
		}
		if (nonceSecret != null && nonceSecret.length() < 32) {
			throw new IllegalArgumentException(PREFIX + ".nonce-secret must have at least 32 characters");
		}
		if (maxProofAge == null || maxProofAge.compareTo(Duration.ofSeconds(10)) < 0
				|| maxProofAge.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException(PREFIX + ".max-proof-age must be between 10 seconds and 1 hour");
		}
		if (replayCacheSize < 1) {
			throw new IllegalArgumentException(PREFIX + ".replay-cache-size must be at least 1");
		}
	}

	/** @return the defaults: optional, no nonces, 5 minutes, 100000 entries */
	public static DpopProperties defaults() {
		return new DpopProperties(DpopMode.OPTIONAL, false, null, Duration.ofMinutes(5), 100_000);
	}

	/**
	 * @param mode the mode
	 * @return a copy with another mode
	 */
	public DpopProperties withMode(DpopMode mode) {
		return new DpopProperties(mode, this.nonceRequired, this.nonceSecret, this.maxProofAge,
				this.replayCacheSize);
	}

}
