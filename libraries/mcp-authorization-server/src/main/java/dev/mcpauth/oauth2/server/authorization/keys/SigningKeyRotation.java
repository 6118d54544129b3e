package dev.mcpauth.oauth2.server.authorization.keys;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The life of the signing keys, shared by every instance through the database:
 * <ol>
 * <li>A key is created as the <em>next</em> key: published in the JWKS at once, signing nothing.</li>
 * <li>When the active key has signed for {@code rotation-interval} (or on {@link #rotateNow()}) and the next key
 * has been published for at least {@code publish-ahead}, the next key becomes <em>active</em>, the active one is
 * <em>retired</em> (its private key erased) and a new next key is created. A resource server that cached the JWKS
 * at any time during those {@code publish-ahead} already knows the new key: no request fails on an unknown
 * {@code kid}.</li>
 * <li>A retired key stays published until {@code remove_after} = retirement + access-token TTL + refresh interval
 * (another instance may sign with it until it reloads) + retention margin, then it is deleted.</li>
 * </ol>
 * Writers take a row lock ({@code signing_key_lock}) in a transaction, so concurrent instances never create two
 * active keys. Each instance {@link #refresh() reloads} every {@code refresh-interval}.
 */
@ManagedResource(objectName = "dev.mcpauth.oauth2.server.authorization:type=SigningKeyRotation",
		description = "JWS signing key rotation")
public class SigningKeyRotation {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyRotation.class);

	private static final String ALGORITHM = JWSAlgorithm.RS256.getName();

	private final SigningKeyStore store;

	private final PrivateKeyEncryption encryption;

	private final DatabaseJwkSource source;

	private final SigningKeyPolicy properties;

	private final Duration retention;

	private final TransactionOperations transactions;

	private final Clock clock;

	/**
	 * @param jdbc the database holding the {@code signing_key} and {@code signing_key_lock} tables
	 * @param encryption encrypts and decrypts the private keys
	 * @param source the key set this rotation keeps up to date
	 * @param properties the timing
	 * @param accessTokenTimeToLive the longest access-token lifetime: retired keys stay published that much longer
	 * @param transactions transactions on the same database
	 * @param clock the time
	 */
	public SigningKeyRotation(JdbcOperations jdbc, PrivateKeyEncryption encryption, DatabaseJwkSource source,
			SigningKeyPolicy properties, Duration accessTokenTimeToLive, TransactionOperations transactions,
			Clock clock) {
		this.store = new SigningKeyStore(jdbc);
		this.encryption = encryption;
		this.source = source;
		this.properties = properties;
		this.retention = accessTokenTimeToLive.plus(properties.refreshInterval()).plus(properties.retentionMargin());
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Does what is due (first keys on an empty table, a scheduled rotation, removals), then reloads the keys into
	 * the {@link DatabaseJwkSource}. Called at start-up and every {@code refresh-interval}.
	 * @throws IllegalStateException when the active private key does not decrypt (wrong encryption key)
	 */
	public void refresh() {
		refresh(false);
	}

	/**
	 * The start-up load: {@link #refresh()}, except that a missing next key is not created before the server takes
	 * requests: a first start (an empty table) creates only the active key, and a start after one that ended before
	 * its next key was published (e.g. the training run of {@code scripts/auth-server.sh prepare}) creates none. The
	 * published next key is left to the first {@link #scheduledRefresh()}, which the refresh schedule runs as soon as
	 * the context has started. Generating an RSA key pair is a visible part of a start (50 to 400 ms, cold), and
	 * nothing needs the next key sooner: a rotation waits until the
	 * next key has been published for {@code publish-ahead}, counted from the next key's creation, so a resource
	 * server that cached the key set in between still learns the new key before it signs anything.
	 * @throws IllegalStateException when the active private key does not decrypt (wrong encryption key)
	 */
	public void start() {
		refresh(true);
	}

	private void refresh(boolean nextKeyLater) {
		Instant now = this.clock.instant();
		List<StoredSigningKey> keys = this.store.findAll();
		if (isDue(keys, now)) {
			this.transactions.executeWithoutResult((status) -> advance(false, nextKeyLater, this.clock.instant()));
			keys = this.store.findAll();
		}
		this.source.replace(load(keys));
	}

	/** The periodic reload; a failure (database unreachable) keeps the keys loaded last and is retried. */
	public void scheduledRefresh() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			logger.warn("Signing keys not reloaded, keeping the ones loaded last: {}", ex.toString());
		}
	}

	/**
	 * Rotates now: the next key (published since the previous rotation) becomes active, the active one retires.
	 * @return {@code false}, changing nothing, when the next key has been published for less than
	 * {@code publish-ahead} (a rotation moments ago): signing with it could fail requests at resource servers that
	 * have not fetched the JWKS since
	 */
	@ManagedOperation(description = "Rotate the signing key now (the next key, already published, becomes active)")
	public boolean rotateNow() {
		Boolean rotated = this.transactions.execute((status) -> advance(true, false, this.clock.instant()));
		this.source.replace(load(this.store.findAll()));
		return Boolean.TRUE.equals(rotated);
	}

	/** Cheap check without the lock: is there anything to write? */
	private boolean isDue(List<StoredSigningKey> keys, Instant now) {
		Optional<StoredSigningKey> active = active(keys);
		Optional<StoredSigningKey> next = next(keys);
		boolean removable = keys.stream()
			.anyMatch((key) -> key.removeAfter() != null && key.removeAfter().isBefore(now));
		return active.isEmpty() || next.isEmpty() || removable
				|| !active.get().activatedAt().plus(this.properties.rotationInterval()).isAfter(now);
	}

	/**
	 * Under the lock, on a fresh read: returns whether the active key changed.
	 * @param nextKeyLater leave a missing next key to the next refresh (the start-up load)
	 */
	private boolean advance(boolean onDemand, boolean nextKeyLater, Instant now) {
		this.store.lock();
		List<StoredSigningKey> keys = this.store.findAll();
		Optional<StoredSigningKey> active = active(keys);
		Optional<StoredSigningKey> next = next(keys);
		boolean rotated = false;
		if (active.isEmpty()) {
			// an empty table (first start): nothing was published before, so the first key signs at once
			StoredSigningKey first = next.orElseGet(() -> insertNew(now));
			this.store.activate(first.kid(), now);
			next = Optional.empty();
			logger.info("Signing key {} is active (first key)", first.kid());
			rotated = true;
		}
		else if (onDemand || !active.get().activatedAt().plus(this.properties.rotationInterval()).isAfter(now)) {
			if (next.isPresent() && !next.get().createdAt().plus(this.properties.publishAhead()).isAfter(now)) {
				this.store.retire(active.get().kid(), now, now.plus(this.retention));
				this.store.activate(next.get().kid(), now);
				logger.info("Signing key {} is active; {} retired, published until {}", next.get().kid(),
						active.get().kid(), now.plus(this.retention));
				next = Optional.empty();
				rotated = true;
			}
			else if (next.isPresent()) {
				logger.info("Rotation postponed: next signing key {} has been published for less than {}",
						next.get().kid(), this.properties.publishAhead());
			}
		}
		if (next.isEmpty() && !nextKeyLater) {
			StoredSigningKey created = insertNew(now);
			logger.info("Signing key {} is published as the next key", created.kid());
		}
		int removed = this.store.deleteRemovable(now);
		if (removed > 0) {
			logger.info("Removed {} retired signing key(s) whose tokens have all expired", removed);
		}
		return rotated;
	}

	private StoredSigningKey insertNew(Instant now) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			RSAKey publicKey = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint()
				.build();
			String kid = publicKey.getKeyID();
			StoredSigningKey key = new StoredSigningKey(kid, ALGORITHM, publicKey.toJSONString(),
					this.encryption.encrypt(kid, pair.getPrivate().getEncoded()), now, null, null, null);
			this.store.insert(key);
			return key;
		}
		catch (NoSuchAlgorithmException | JOSEException ex) {
			throw new IllegalStateException("Cannot generate an RSA signing key", ex);
		}
	}

	/** The published set: the active key with its private key first, then the others, public only. */
	private JWKSet load(List<StoredSigningKey> keys) {
		List<JWK> published = new ArrayList<>();
		for (StoredSigningKey key : keys) {
			RSAKey publicKey = parse(key);
			if (key.isActive() && published.stream().noneMatch(JWK::isPrivate)) {
				published.add(0, withPrivateKey(publicKey, key));
			}
			else {
				published.add(publicKey);
			}
		}
		return new JWKSet(published);
	}

	private static RSAKey parse(StoredSigningKey key) {
		try {
			return RSAKey.parse(key.publicJwk());
		}
		catch (ParseException ex) {
			throw new IllegalStateException("signing key " + key.kid() + " has an unreadable public key", ex);
		}
	}

	private RSAKey withPrivateKey(RSAKey publicKey, StoredSigningKey key) {
		byte[] pkcs8 = this.encryption.decrypt(key.kid(), key.privateKey());
		try {
			RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			return new RSAKey.Builder(publicKey).privateKey(privateKey).build();
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
			throw new IllegalStateException("signing key " + key.kid() + " has an unreadable private key", ex);
		}
	}

	private static Optional<StoredSigningKey> active(List<StoredSigningKey> keys) {
		return keys.stream()
			.filter(StoredSigningKey::isActive)
			.max(Comparator.comparing(StoredSigningKey::activatedAt));
	}

	private static Optional<StoredSigningKey> next(List<StoredSigningKey> keys) {
		return keys.stream().filter(StoredSigningKey::isNext).max(Comparator.comparing(StoredSigningKey::createdAt));
	}

}
