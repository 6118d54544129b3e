package example.consumer.boot;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mcpauth.oauth2.client.McpOAuthClient;
import dev.mcpauth.oauth2.client.authorization.BrowserUserAgent;
import dev.mcpauth.oauth2.client.authorization.HeadlessUserAgent;
import dev.mcpauth.oauth2.client.authorization.UserAgent;
import dev.mcpauth.oauth2.client.autoconfigure.McpOAuthClientAutoConfiguration;
import dev.mcpauth.oauth2.client.http.OAuthHttpClient;
import dev.mcpauth.oauth2.client.registration.RegistrationMethod;
import dev.mcpauth.oauth2.client.support.FakeMcpDeployment;
import dev.mcpauth.oauth2.client.token.InMemoryTokenStore;
import dev.mcpauth.oauth2.client.token.TokenSet;
import dev.mcpauth.oauth2.client.token.TokenStore;
import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A Boot application that adds the library and a few {@code mcp.client.*} properties. */
class BootConsumerTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(McpOAuthClientAutoConfiguration.class));

	private FakeMcpDeployment deployment;

	@BeforeEach
	void start() throws Exception {
		this.deployment = new FakeMcpDeployment();
		this.deployment.cimdSupported = false;
	}

	@AfterEach
	void stop() {
		this.deployment.close();
	}

	@Test
	void createsTheClientFromMcpClientPropertiesAndItAuthorizesOverHttp() {
		this.runner.withUserConfiguration(Application.class)
			.withPropertyValues("mcp.client.server-url=" + this.deployment.resource(), "mcp.client.user-agent=headless",
					"mcp.client.client-name=Boot weather desk", "mcp.client.scopes=profile", "mcp.client.timeout=10s")
			.run(context -> {
				assertThat(context).hasSingleBean(McpOAuthClient.class)
					.hasSingleBean(OAuthHttpClient.class)
					.hasSingleBean(TokenStore.class);
				assertThat(context.getBean(UserAgent.class)).isInstanceOf(HeadlessUserAgent.class);
				McpOAuthClient oauth = context.getBean(McpOAuthClient.class);

				McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
					.builder(this.deployment.rs.origin())
					.endpoint("/mcp")
					.httpRequestCustomizer(oauth.requestCustomizer())
					.authorizationErrorHandler(oauth.authorizationErrorHandler())
					.build()).requestTimeout(Duration.ofSeconds(20)).build();
				try {
					client.initialize();
					McpSchema.CallToolResult weather = client
						.callTool(new McpSchema.CallToolRequest("get_weather", Map.of("city", "Lyon")));
					assertThat(((McpSchema.TextContent) weather.content().get(0)).text()).isEqualTo("Sunny in Lyon");
				}
				finally {
					client.closeGracefully();
				}

				assertThat(oauth.registrationMethod()).contains(RegistrationMethod.DCR);
				assertThat(this.deployment.registrationRequests()).singleElement()
					.satisfies(r -> assertThat(r.get("client_name").asString()).isEqualTo("Boot weather desk"));
				// mcp.client.scopes joins MCP's selection, and the step-up keeps it (union of scopes).
				assertThat(this.deployment.authorizationRequests()).extracting(a -> a.get("scope"))
					.containsExactly("mcp:connect profile", "mcp:connect profile weather:read");
				// The application's own beans are used: its token store holds the token, its listener heard the steps.
				Optional<TokenSet> stored = context.getBean(TokenStore.class)
					.get(new TokenStore.Key(this.deployment.resource(), this.deployment.as.origin()));
				assertThat(stored).hasValueSatisfying(t -> assertThat(t.grantedScopes()).contains("weather:read"));
				assertThat(context.getBean(Application.class).steps).contains("Discovery",
						"Step-up re-authorization for the extra scope");
			});
	}

	@Test
	void createsNoClientWithoutAServerUrlAndDefaultsToTheBrowser() {
		this.runner.run(context -> {
			assertThat(context).doesNotHaveBean(McpOAuthClient.class).hasSingleBean(TokenStore.class);
			assertThat(context.getBean(UserAgent.class)).isInstanceOf(BrowserUserAgent.class);
			assertThat(context.getBean(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class);
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnClient() {
		this.runner.withUserConfiguration(OwnClient.class)
			.withPropertyValues("mcp.client.server-url=" + this.deployment.resource())
			.run(context -> {
				assertThat(context).hasSingleBean(McpOAuthClient.class);
				assertThat(context.getBean(McpOAuthClient.class)).isSameAs(context.getBean(OwnClient.class).client);
			});
	}

	@Test
	void backsOffForTheApplicationsUserAgentAndHttpClient() {
		UserAgent own = new HeadlessUserAgent("http://127.0.0.1/own-callback", Duration.ofSeconds(1),
				AuthorizationTraceListener.NONE);
		OAuthHttpClient http = new OAuthHttpClient(JsonMapper.builder().build(),
				Duration.ofSeconds(1), AuthorizationTraceListener.NONE);
		this.runner.withBean(UserAgent.class, () -> own)
			.withBean(OAuthHttpClient.class, () -> http)
			.withPropertyValues("mcp.client.server-url=" + this.deployment.resource())
			.run(context -> {
				assertThat(context).hasSingleBean(McpOAuthClient.class);
				assertThat(context.getBean(UserAgent.class)).isSameAs(own);
				assertThat(context.getBean(OAuthHttpClient.class)).isSameAs(http);
			});
	}

	@Test
	void refusesAServerUrlThatIsNotAnMcpServerUrl() {
		this.runner.withPropertyValues("mcp.client.server-url=ftp://mcp.example.test/mcp").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("must be an absolute http(s) URL without fragment");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Application {

		final List<String> steps = new CopyOnWriteArrayList<>();

		@Bean
		TokenStore tokenStore() {
			return new InMemoryTokenStore();
		}

		@Bean
		AuthorizationTraceListener traceListener() {
			return new AuthorizationTraceListener() {
				@Override
				public void step(String title) {
					Application.this.steps.add(title);
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClient {

		final McpOAuthClient client = McpOAuthClient.builder("http://127.0.0.1:1/mcp")
			.headlessUserAgent("http://127.0.0.1/callback")
			.build();

		@Bean
		McpOAuthClient mcpOAuthClient() {
			return this.client;
		}

	}

}
