package dev.mcpauth.authserver.cimd.fetch;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.mcpauth.oauth2.server.authorization.cimd.fetch.LoopbackServer;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.FakeResolver;
import dev.mcpauth.authserver.support.CimdHost;
import dev.mcpauth.authserver.support.OAuthClient;
import dev.mcpauth.authserver.support.OAuthClient.Pkce;
import dev.mcpauth.oauth2.server.authorization.cimd.fetch.AddressResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security matrix, part 1: hostile {@code client_id} URLs against the running authorization server with the
 * production fetch policy (no http, no loopback), checklist §3.1, AS-25, AS-28 and CIMD-01 §6.5. The demo
 * profile only logs the user in (fetching happens after authentication); {@code allow-http-and-loopback} is off.
 *
 * <p>Every host name resolves through a fake DNS to an address whose port is a live loopback server that counts
 * connections. Each case must end on the HTML error page (400, no redirect) naming the reason, with zero
 * connections to that server and no client stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.authorization-server.issuer=http://issuer.test:9000", "mcp.authorization-server.cimd.allow-http-and-loopback=false",
				"mcp.authorization-server.cimd.denied-hosts=denied.test" })
@ActiveProfiles("demo")
@Import(SsrfMatrixTest.FakeDns.class)
class SsrfMatrixTest {

	private static final String CALLBACK = "http://127.0.0.1:53111/callback";

	private static LoopbackServer target;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	private OAuthClient client;

	@BeforeAll
	static void startTarget() throws IOException {
		// a server that would happily serve a valid document to anyone who reached it
		target = new LoopbackServer((out) -> out.write(HttpResponses
			.ok("application/json", null, CimdHost.document("x", CALLBACK))
			.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

	@AfterAll
	static void stopTarget() throws IOException {
		target.close();
	}

	@BeforeEach
	void client() {
		this.client = new OAuthClient(this.port);
	}

	@ParameterizedTest(name = "[{index}] {0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			host resolving to loopback (DNS stub)          | https://loopback.test:{port}/c.json            | special-use address (loopback
			host resolving to 10/8                         | https://private.test:{port}/c.json             | private-use
			host resolving to cloud metadata               | https://metadata.test:{port}/latest/meta-data  | cloud metadata
			host resolving to CGNAT 100.64/10              | https://cgnat.test:{port}/c.json               | CGNAT
			host resolving to IPv6 loopback ::1            | https://v6loopback.test:{port}/c.json          | loopback
			host resolving to IPv6 unique-local fd00::/8   | https://ula.test:{port}/c.json                 | unique-local
			host resolving to IPv6 link-local fe80::/10    | https://linklocal.test:{port}/c.json           | link-local
			host resolving to IPv4-mapped ::ffff:10.0.0.1  | https://mapped.test:{port}/c.json              | IPv4-mapped
			host resolving to NAT64 of 169.254.169.254     | https://nat64.test:{port}/c.json               | NAT64
			host resolving to public AND loopback          | https://mixed.test:{port}/c.json               | special-use address
			IPv4 literal 10.0.0.5                          | https://10.0.0.5:{port}/c.json                 | private-use
			IPv4 literal 169.254.169.254                   | https://169.254.169.254:{port}/latest          | cloud metadata
			IPv4 literal 127.0.0.1                         | https://127.0.0.1:{port}/c.json                | loopback
			IPv4 literal 0.0.0.0                           | https://0.0.0.0:{port}/c.json                  | this network
			IPv4 literal 198.18.0.1 (benchmarking)         | https://198.18.0.1:{port}/c.json               | benchmarking
			IPv4 literal 224.0.0.1 (multicast)             | https://224.0.0.1:{port}/c.json                | multicast
			decimal IPv4 spelling of 127.0.0.1             | https://2130706433:{port}/c.json               | loopback
			IPv6 literal [::1]                             | https://[::1]:{port}/c.json                    | loopback
			IPv6 literal [::ffff:127.0.0.1]                | https://[::ffff:127.0.0.1]:{port}/c.json       | loopback
			IPv6 literal [fd00::1]                         | https://[fd00::1]:{port}/c.json                | unique-local
			http scheme                                    | http://public.test:{port}/c.json               | https
			no path                                        | https://public.test:{port}                     | path
			root path                                      | https://public.test:{port}/                    | path
			dot segments                                   | https://public.test:{port}/a/../c.json         | . or ..
			percent-encoded dot segments                   | https://public.test:{port}/a/%2e%2e/c.json     | . or ..
			fragment                                       | https://public.test:{port}/c.json#f            | fragment
			userinfo                                       | https://user:pass@public.test:{port}/c.json    | username or password
			query                                          | https://public.test:{port}/c.json?v=1          | query
			denylisted host (AS-28)                        | https://denied.test:{port}/c.json              | not allowed by this server
			unresolvable host                              | https://nowhere.test:{port}/c.json             | does not resolve
			""")
	void refusesHostileClientIdWithoutConnecting(String threat, String template, String reason) {
		String clientId = template.replace("{port}", Integer.toString(target.port()));
		int acceptsBefore = target.accepts();

		HttpResponse<String> response = this.client
			.authorize(OAuthClient.authorizationRequest(clientId, CALLBACK, Pkce.generate()));

		assertThat(response.statusCode()).as(threat).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(response.body()).contains(org.springframework.web.util.HtmlUtils.htmlEscape(reason));
		assertThat(target.accepts()).as("connections to the target").isEqualTo(acceptsBefore);
		assertThat(this.jdbc.queryForObject("select count(*) from oauth2_registered_client where client_id = ?",
				Integer.class, clientId)).isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from oauth2_authorization", Integer.class)).isZero();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FakeDns {

		@Bean
		AddressResolver fakeDns() {
			return new FakeResolver(Map.ofEntries(Map.entry("loopback.test", List.of("127.0.0.1")),
					Map.entry("private.test", List.of("10.0.0.5")), Map.entry("metadata.test", List.of("169.254.169.254")),
					Map.entry("cgnat.test", List.of("100.64.0.1")), Map.entry("v6loopback.test", List.of("::1")),
					Map.entry("ula.test", List.of("fd00::1")), Map.entry("linklocal.test", List.of("fe80::1")),
					Map.entry("mapped.test", List.of("::ffff:10.0.0.1")),
					Map.entry("nat64.test", List.of("64:ff9b::a9fe:a9fe")),
					Map.entry("mixed.test", List.of("93.184.215.14", "127.0.0.1")),
					Map.entry("public.test", List.of("93.184.215.14")), Map.entry("denied.test", List.of("127.0.0.1"))));
		}

	}

}
