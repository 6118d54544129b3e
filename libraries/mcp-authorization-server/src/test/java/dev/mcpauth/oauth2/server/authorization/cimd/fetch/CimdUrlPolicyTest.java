package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.util.List;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * CIMD-00 §3 URL rules (checklist §3.1) and the AS-28 host lists: each rule refused with its own reason, before
 * any DNS lookup.
 */
class CimdUrlPolicyTest {

	private final CimdUrlPolicy production = new CimdUrlPolicy(List.of(), List.of(), false);

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			http://c.test/x                  | client_id URL must use https
			ftp://c.test/x                   | client_id URL must use https
			file:///etc/passwd               | client_id URL must use https
			javascript:alert(1)              | client_id URL must use https
			c.test/x                         | client_id URL must use https
			https://c.test                   | client_id URL must contain a path
			https://c.test/                  | client_id URL must contain a path
			https://c.test/a/../b            | client_id URL must not contain . or .. path segments
			https://c.test/./b               | client_id URL must not contain . or .. path segments
			https://c.test/a/..              | client_id URL must not contain . or .. path segments
			https://c.test/a/%2e%2e/b        | client_id URL must not contain . or .. path segments
			https://c.test/a/%2E/b           | client_id URL must not contain . or .. path segments
			https://c.test/a/.%2e/b          | client_id URL must not contain . or .. path segments
			https://c.test/x#f               | client_id URL must not contain a fragment
			https://c.test/x#                | client_id URL must not contain a fragment
			https://u:p@c.test/x             | client_id URL must not contain a username or password
			https://u@c.test/x               | client_id URL must not contain a username or password
			https://c.test/x?y=1             | client_id URL must not contain a query
			https://c.test/x?                | client_id URL must not contain a query
			https://c.test:0/x               | client_id URL has an invalid port
			https://c.test:65536/x           | client_id URL has an invalid port
			https://c.test:/x                | client_id URL has an invalid port
			https://c.test./x                | client_id URL host must not end with a dot
			https://c_d.test/x               | client_id URL must name a valid host
			https:///x                       | client_id URL must name a host
			https://c.test/a b               | client_id URL must consist of printable ASCII characters
			https://c.test/é                 | client_id URL must consist of printable ASCII characters
			https://c.test/%zz               | client_id is not a valid URL
			https://[::1/x                   | client_id is not a valid URL
			https://[::8.5555555550.0.1]/x   | client_id is not a valid URL
			""")
	void refusesUrlBreakingARule(String clientId, String reason) {
		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.production.check(clientId))
			.withMessage(reason);
	}

	@Test
	void refusesEmptyAndOverlongUrls() {
		assertThatExceptionOfType(ClientIdMetadataDocumentException.class).isThrownBy(() -> this.production.check(""));
		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.production.check("https://c.test/" + "a".repeat(CimdUrlPolicy.MAX_LENGTH)));
	}

	@Test
	void refusesControlCharactersThatCouldSplitTheRequestLine() {
		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> this.production.check("https://c.test/x\r\nX-Injected: 1"))
			.withMessage("client_id URL must consist of printable ASCII characters");
	}

	@Test
	void splitsAcceptedUrlWithoutNormalising() {
		CimdUrl url = this.production.check("https://Client.Example.test:8443/oauth/%7Euser/client.json");

		assertThat(url.clientId()).isEqualTo("https://Client.Example.test:8443/oauth/%7Euser/client.json");
		assertThat(url.https()).isTrue();
		assertThat(url.host()).isEqualTo("Client.Example.test");
		assertThat(url.port()).isEqualTo(8443);
		assertThat(url.hostHeader()).isEqualTo("Client.Example.test:8443");
		assertThat(url.requestTarget()).isEqualTo("/oauth/%7Euser/client.json");
	}

	@Test
	void usesDefaultPortAndKeepsTrailingSlashPath() {
		CimdUrl url = this.production.check("https://c.test/client/");

		assertThat(url.port()).isEqualTo(443);
		assertThat(url.hostHeader()).isEqualTo("c.test");
		assertThat(url.requestTarget()).isEqualTo("/client/");
	}

	@Test
	void stripsBracketsFromIpv6LiteralForResolutionButKeepsThemInHostHeader() {
		CimdUrl url = this.production.check("https://[2001:db8::1]:8443/c.json");

		assertThat(url.host()).isEqualTo("2001:db8::1");
		assertThat(url.hostIsIpLiteral()).isTrue();
		assertThat(url.hostHeader()).isEqualTo("[2001:db8::1]:8443");
	}

	@Test
	void acceptsHttpOnlyWithDevelopmentAllowlist() {
		CimdUrl url = new CimdUrlPolicy(List.of(), List.of(), true).check("http://localhost:3000/client-metadata.json");

		assertThat(url.https()).isFalse();
		assertThat(url.port()).isEqualTo(3000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.test/c.json", "https://example.test.evil.test/c.json",
			"https://notexample.test/c.json" })
	void allowlistRefusesOtherHostsBeforeAnyFetch(String clientId) {
		CimdUrlPolicy policy = new CimdUrlPolicy(List.of("example.test", "*.clients.test"), List.of(), false);

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class).isThrownBy(() -> policy.check(clientId))
			.withMessage("client_id host is not allowed by this server");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://example.test/c.json", "https://EXAMPLE.test/c.json",
			"https://a.clients.test/c.json", "https://a.b.clients.test/c.json" })
	void allowlistAcceptsListedHostsAndSubdomainPatterns(String clientId) {
		CimdUrlPolicy policy = new CimdUrlPolicy(List.of("example.test", "*.clients.test"), List.of(), false);

		assertThat(policy.check(clientId).clientId()).isEqualTo(clientId);
	}

	@Test
	void subdomainPatternDoesNotMatchTheApex() {
		CimdUrlPolicy policy = new CimdUrlPolicy(List.of("*.clients.test"), List.of(), false);

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> policy.check("https://clients.test/c.json"));
	}

	@Test
	void denylistWinsOverAllowlist() {
		CimdUrlPolicy policy = new CimdUrlPolicy(List.of("*.clients.test"), List.of("bad.clients.test"), false);

		assertThat(policy.check("https://good.clients.test/c.json")).isNotNull();
		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> policy.check("https://BAD.clients.test/c.json"))
			.withMessage("client_id host is not allowed by this server");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*", "*.", "a.*.test", "https://a.test", "a.test:443" })
	void rejectsMalformedHostPatternsAtStartup(String pattern) {
		assertThatIllegalArgumentException().isThrownBy(() -> new CimdUrlPolicy(List.of(pattern), List.of(), false));
	}

	@Test
	void hostForLogNeverThrows() {
		assertThat(CimdUrlPolicy.hostForLog("https://c.test/x")).isEqualTo("c.test");
		assertThat(CimdUrlPolicy.hostForLog("not a url")).isEqualTo("-");
		assertThat(CimdUrlPolicy.hostForLog(null)).isEqualTo("-");
	}

}
