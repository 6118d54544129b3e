package dev.mcpauth.authserver.clientcredentials;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import dev.mcpauth.authserver.support.FormBrowser;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.oauth2.server.authorization.client.ClientSecretEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.mcpauth.authserver.support.FormBrowser.CSRF;
import static dev.mcpauth.authserver.support.FormBrowser.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How client secrets are stored once used ({@code mcp.authorization-server.client-secrets}, defaults): a generated
 * (high-entropy) secret becomes a {@code {sha256}} digest, a typed one a BCrypt hash, and a digest given in
 * configuration authenticates its secret. Client authentication is as strict as before (checklist AS-01: "appropriate
 * security measures for ... confidential ... clients"; RFC 6749 §5.2): any other secret is 401 {@code invalid_client}
 * with a Basic challenge. User passwords never reach the client secret encoder: the login user's generated password
 * stays on BCrypt.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.authorization-server.client-credentials.enabled=true", "spring.security.user.name=alice" })
class ClientSecretStorageTest {

	private static final SecureRandom random = new SecureRandom();

	private static final String MACHINE_SECRET = generated();

	private static final String CONFIGURED_SECRET = generated();

	private static final String USER_PASSWORD = generated();

	@DynamicPropertySource
	static void clients(DynamicPropertyRegistry registry) {
		client(registry, 0, "machine-agent", "{noop}" + MACHINE_SECRET);
		client(registry, 1, "typed-agent", "{noop}typed-agent-secret");
		client(registry, 2, "digest-agent", ClientSecretEncoder.digest(CONFIGURED_SECRET));
		registry.add("spring.security.user.password", () -> USER_PASSWORD);
	}

	private static void client(DynamicPropertyRegistry registry, int index, String clientId, String secret) {
		String prefix = "mcp.authorization-server.clients[" + index + "].";
		registry.add(prefix + "client-id", () -> clientId);
		registry.add(prefix + "client-secret", () -> secret);
		registry.add(prefix + "grant-types", () -> "client_credentials");
	}

	@LocalServerPort
	private int port;

	@Autowired
	private RegisteredClientRepository clients;

	@Autowired
	private UserDetailsService users;

	@Autowired
	private ApplicationContext context;

	private OAuthClient client;

	@BeforeEach
	void createClient() {
		this.client = new OAuthClient(this.port);
	}

	@Test
	void generatedSecretIsStoredAsItsSha256DigestAfterTheFirstGrantAndStillAuthenticates() {
		assertThat(grant("machine-agent", MACHINE_SECRET).statusCode()).isEqualTo(200);

		String stored = storedSecret("machine-agent");
		assertThat(stored).isEqualTo(ClientSecretEncoder.digest(MACHINE_SECRET)).doesNotStartWith("{bcrypt}");
		HttpResponse<String> again = grant("machine-agent", MACHINE_SECRET);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(storedSecret("machine-agent")).isEqualTo(stored);
	}

	@Test
	void anyOtherSecretAgainstTheDigestIsInvalidClientWithBasicChallenge() {
		assertThat(grant("machine-agent", MACHINE_SECRET).statusCode()).isEqualTo(200);
		assertThat(storedSecret("machine-agent")).startsWith("{sha256}");
		String lastCharacterChanged = MACHINE_SECRET.substring(0, MACHINE_SECRET.length() - 1)
				+ (MACHINE_SECRET.endsWith("A") ? "B" : "A");

		// the stored digest itself is no secret either (a leaked row does not authenticate)
		for (String wrong : new String[] { lastCharacterChanged, generated(), storedSecret("machine-agent") }) {
			HttpResponse<String> response = grant("machine-agent", wrong);
			// RFC 6749 §5.2: 401 and a WWW-Authenticate matching the scheme the client used
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(error(response)).isEqualTo("invalid_client");
			assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic realm=");
		}
		Map<String, String> post = OAuthClient.clientCredentialsRequest();
		post.put("client_id", "machine-agent");
		post.put("client_secret", lastCharacterChanged);
		HttpResponse<String> response = this.client.token(post);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(error(response)).isEqualTo("invalid_client");
	}

	@Test
	void typedSecretIsStoredWithBcrypt() {
		assertThat(grant("typed-agent", "typed-agent-secret").statusCode()).isEqualTo(200);

		assertThat(storedSecret("typed-agent")).startsWith("{bcrypt}$2a$");
		assertThat(grant("typed-agent", "typed-agent-secreT").statusCode()).isEqualTo(401);
	}

	@Test
	void digestFromConfigurationAuthenticatesItsSecretOnly() {
		assertThat(grant("digest-agent", CONFIGURED_SECRET).statusCode()).isEqualTo(200);
		assertThat(grant("digest-agent", MACHINE_SECRET).statusCode()).isEqualTo(401);
		assertThat(storedSecret("digest-agent")).isEqualTo(ClientSecretEncoder.digest(CONFIGURED_SECRET));
	}

	@Test
	void userPasswordsNeverReachTheClientSecretEncoder() throws Exception {
		// the encoder is no bean: Spring Security's user login would take a PasswordEncoder bean
		assertThat(this.context.getBeanProvider(PasswordEncoder.class).getIfAvailable()).isNull();
		FormBrowser browser = new FormBrowser(this.port);
		String loginPage = browser.get("/login").body();

		HttpResponse<String> loggedIn = browser.post("/login",
				Map.of("username", "alice", "password", USER_PASSWORD, "_csrf", find(CSRF, loginPage)));

		assertThat(loggedIn.statusCode()).isEqualTo(302);
		assertThat(loggedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		// the same generated string that a client secret would have digested: the user's {noop} became BCrypt
		assertThat(this.users.loadUserByUsername("alice").getPassword()).startsWith("{bcrypt}$2a$");
	}

	private HttpResponse<String> grant(String clientId, String secret) {
		return this.client.token(OAuthClient.clientCredentialsRequest(), OAuthClient.basic(clientId, secret));
	}

	private String storedSecret(String clientId) {
		return this.clients.findByClientId(clientId).getClientSecret();
	}

	private static String error(HttpResponse<String> response) {
		return OAuthClient.json(response).get("error").stringValue();
	}

	private static String generated() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
