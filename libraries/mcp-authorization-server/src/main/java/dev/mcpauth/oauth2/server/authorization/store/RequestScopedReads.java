package dev.mcpauth.oauth2.server.authorization.store;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.Assert;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Reads of the store remembered for the rest of one HTTP request, and only for it.
 *
 * <p>One token request reads the same authorization several times: the resource binding
 * ({@code ResourceBindingAuthenticationProvider}), the replay detection ({@code GrantReplayDetection}), the DPoP
 * binding check and Spring's own grant provider each call {@code findByToken}, and every row mapped reads its
 * registered client again. Each read is a query plus the parse of the row's JSON columns. Within one request these
 * reads answer the same question, so the first answer serves the others.
 *
 * <p>What keeps this correct:
 * <ul>
 * <li>the memory lives in a request attribute ({@link RequestContextHolder}); it is gone when the request ends. No
 * other request, thread or replica ever sees it, so the database stays the source of truth (docs/deployment.md);
 * outside a request (a scheduled cleanup, a test) nothing is remembered;</li>
 * <li>any {@code save} or {@code remove} through this service forgets everything remembered in the request, so a
 * read after a write reads the database again;</li>
 * <li>single use is not decided by these reads: a code is consumed and a refresh token rotated by
 * {@code GrantReplayDetection}'s insert into {@code oauth2_rotated_refresh_token} and by Spring's {@code save},
 * both in the database. Two concurrent requests with the same token read the row independently, exactly as
 * without this class;</li>
 * <li>{@link OAuth2Authorization} and {@link RegisteredClient} are immutable, so handing the same instance to two
 * readers cannot leak one reader's change to the other.</li>
 * </ul>
 */
public final class RequestScopedReads {

	private static final String ATTRIBUTE = RequestScopedReads.class.getName();

	private RequestScopedReads() {
	}

	/**
	 * @param delegate the store
	 * @return the store, with its reads remembered for the current request
	 */
	public static OAuth2AuthorizationService authorizations(OAuth2AuthorizationService delegate) {
		return new Authorizations(delegate);
	}

	/**
	 * Spring's JDBC store with its reads remembered for the current request, including the read {@code save} makes
	 * of its own to choose between {@code UPDATE} and {@code INSERT} (see {@link JdbcAuthorizations}).
	 * @param jdbcOperations the database
	 * @param registeredClients the registered clients the rows refer to
	 * @return the store; set its row mapper as on any {@link JdbcOAuth2AuthorizationService}
	 */
	public static JdbcOAuth2AuthorizationService jdbcAuthorizations(JdbcOperations jdbcOperations,
			RegisteredClientRepository registeredClients) {
		return new JdbcAuthorizations(jdbcOperations, registeredClients);
	}

	/**
	 * @param delegate the registered clients
	 * @return the same clients, with {@code findById} and {@code findByClientId} remembered for the current request
	 */
	public static RegisteredClientRepository registeredClients(RegisteredClientRepository delegate) {
		return new RegisteredClients(delegate);
	}

	/**
	 * @param service a store, possibly returned by {@link #authorizations}
	 * @return the store behind the request-scoped reads, or {@code service} itself
	 */
	public static OAuth2AuthorizationService unwrap(OAuth2AuthorizationService service) {
		return (service instanceof Authorizations wrapped) ? wrapped.delegate : service;
	}

	@SuppressWarnings("unchecked")
	private static <T> T remembered(String kind, Object key, Supplier<T> read) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null || key == null) {
			return read.get();
		}
		Map<Key, Object> memory = (Map<Key, Object>) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (memory == null) {
			memory = new HashMap<>();
			request.setAttribute(ATTRIBUTE, memory, RequestAttributes.SCOPE_REQUEST);
		}
		Key k = new Key(kind, key);
		if (memory.containsKey(k)) {
			return (T) memory.get(k);
		}
		T value = read.get();
		memory.put(k, value);
		return value;
	}

	@SuppressWarnings("unchecked")
	private static void rememberAlso(String kind, Object key, Object value) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null || key == null) {
			return;
		}
		Map<Key, Object> memory = (Map<Key, Object>) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (memory != null) {
			memory.putIfAbsent(new Key(kind, key), value);
		}
	}

	private static void forget() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.removeAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		}
	}

	private record Key(String kind, Object value) {
	}

	private record TokenKey(String token, String type) {
	}

	private static final class Authorizations implements OAuth2AuthorizationService {

		private final OAuth2AuthorizationService delegate;

		Authorizations(OAuth2AuthorizationService delegate) {
			Assert.notNull(delegate, "delegate must not be null");
			this.delegate = delegate;
		}

		@Override
		public void save(OAuth2Authorization authorization) {
			forget();
			try {
				this.delegate.save(authorization);
			}
			finally {
				forget();
			}
		}

		@Override
		public void remove(OAuth2Authorization authorization) {
			forget();
			try {
				this.delegate.remove(authorization);
			}
			finally {
				forget();
			}
		}

		@Override
			public OAuth2Authorization findById(String id) {
			return remembered("authorization-id", id, () -> this.delegate.findById(id));
		}

		@Override
			public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
			TokenKey key = (token != null)
					? new TokenKey(token, (tokenType != null) ? tokenType.getValue() : null) : null;
			return remembered("authorization-token", key, () -> this.delegate.findByToken(token, tokenType));
		}

		@Override
		public String toString() {
			return "request-scoped reads of " + this.delegate;
		}

	}

	/**
	 * Spring's {@link JdbcOAuth2AuthorizationService} whose {@code findById} and {@code findByToken} answers are
	 * remembered for the current request, as {@link Authorizations} does for any store, and whose {@code save} uses
	 * them too.
	 *
	 * <p>Spring's {@code save} calls {@code findById} on itself to choose between {@code UPDATE} and {@code INSERT}:
	 * a query plus the parse of the row's JSON columns, even when the same request has just read that authorization
	 * by its token (every token request does: the grant, the replay detection, the resource and DPoP checks). A
	 * decorator cannot see that call; this subclass can, since {@code findById} is the overridable method Spring
	 * calls. Its SQL, row mapping and writes stay Spring's: only the answer to "is this id stored?" may come from
	 * this request's earlier read. A row found by {@code findByToken} is also remembered under its id.
	 *
	 * <p>Concurrency. Spring's own {@code save} is check-then-act without a lock or transaction: between its
	 * {@code SELECT} and its {@code UPDATE}/{@code INSERT} another request or replica may delete or insert the row.
	 * Remembering the check widens that window from one statement to the rest of the request (milliseconds), and
	 * changes nothing else:
	 * <ul>
	 * <li>row read in this request, deleted meanwhile (revocation, replay detection, the expired rows' cleanup):
	 * this class issues the {@code UPDATE}, which matches no row and changes nothing, so the deleted authorization
	 * stays deleted. Spring's fresh check would in that case see no row and {@code INSERT} the authorization again,
	 * with the tokens of the grant in progress. Without the memory that happens for a delete landing before the
	 * check, with it only for one landing between the check and the write, as in Spring;</li>
	 * <li>row not found in this request, inserted meanwhile: the {@code INSERT} fails on the primary key, as
	 * Spring's does in its window; ids are random UUIDs, so only a second save of the same new authorization
	 * could do this;</li>
	 * <li>single use is not decided here: a code is consumed and a refresh token rotated by
	 * {@code GrantReplayDetection}'s insert into {@code oauth2_rotated_refresh_token} (a unique key in the
	 * database) and by the row's update, exactly as before. Two requests with the same token read and write
	 * independently, each with its own memory.</li>
	 * </ul>
	 * Every {@code save} and {@code remove} forgets everything this request remembered once it is done (and
	 * {@code remove} before, too), so a read after a write reads the database again, and a second {@code save} of the
	 * same authorization in one request checks the database again. Outside a request nothing is remembered and this
	 * is Spring's class unchanged.
	 */
	static final class JdbcAuthorizations extends JdbcOAuth2AuthorizationService {

		JdbcAuthorizations(JdbcOperations jdbcOperations, RegisteredClientRepository registeredClients) {
			super(jdbcOperations, registeredClients);
		}

		@Override
		public void save(OAuth2Authorization authorization) {
			// No forget() before: Spring's existence check (this.findById) is the read to reuse.
			try {
				super.save(authorization);
			}
			finally {
				forget();
			}
		}

		@Override
		public void remove(OAuth2Authorization authorization) {
			forget();
			try {
				super.remove(authorization);
			}
			finally {
				forget();
			}
		}

		@Override
		public OAuth2Authorization findById(String id) {
			return remembered("authorization-id", id, () -> super.findById(id));
		}

		@Override
		public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
			TokenKey key = (token != null)
					? new TokenKey(token, (tokenType != null) ? tokenType.getValue() : null) : null;
			OAuth2Authorization found = remembered("authorization-token", key,
					() -> super.findByToken(token, tokenType));
			if (found != null) {
				rememberAlso("authorization-id", found.getId(), found);
			}
			return found;
		}

		@Override
		public String toString() {
			return "request-scoped reads of Spring's JDBC authorization store";
		}

	}

	private static final class RegisteredClients implements RegisteredClientRepository {

		private final RegisteredClientRepository delegate;

		RegisteredClients(RegisteredClientRepository delegate) {
			Assert.notNull(delegate, "delegate must not be null");
			this.delegate = delegate;
		}

		@Override
		public void save(RegisteredClient registeredClient) {
			forget();
			try {
				this.delegate.save(registeredClient);
			}
			finally {
				forget();
			}
		}

		@Override
			public RegisteredClient findById(String id) {
			return remembered("client-id", id, () -> this.delegate.findById(id));
		}

		@Override
			public RegisteredClient findByClientId(String clientId) {
			return remembered("client-client-id", clientId, () -> this.delegate.findByClientId(clientId));
		}

		@Override
		public String toString() {
			return "request-scoped reads of " + this.delegate;
		}

	}

}
