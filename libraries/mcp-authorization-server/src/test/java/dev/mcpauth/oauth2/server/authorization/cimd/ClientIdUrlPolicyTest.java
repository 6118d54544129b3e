package dev.mcpauth.oauth2.server.authorization.cimd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client_id URL rules of CIMD-00 §3 (checklist section 3.1), checked before any fetch.
 */
class ClientIdUrlPolicyTest {

	private final ClientIdUrlPolicy strict = new ClientIdUrlPolicy(false);

	private final ClientIdUrlPolicy demo = new ClientIdUrlPolicy(true);

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "http://c.test/x|https scheme", "https://c.test|contain a path",
			"https://c.test/|contain a path", "https://c.test/a/../b|path segments", "https://c.test/a/./b|path segments",
			"https://c.test/x#f|fragment", "https://u:p@c.test/x|username or password", "ftp://c.test/x|https scheme",
			"https://localhost/x|loopback", "https://127.0.0.1/x|loopback", "https://[::1]/x|loopback",
			"https:///x|host", "https://c.test/a b|not a valid URL",
			// java.net.URI throws NumberFormatException here (CimdFetchFuzzTest found it)
			"https://[::8.5555555550.0.1]/x|not a valid URL" })
	void rejectsUrlsThatBreakTheRules(String clientId, String reason) {
		assertThatThrownBy(() -> this.strict.check(clientId)).isInstanceOf(ClientIdMetadataDocumentException.class)
			.hasMessageContaining(reason);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://c.test/x", "https://c.test:8443/oauth/client.json", "https://c.test/x?y=1" })
	void acceptsHttpsUrlsWithPath(String clientId) {
		assertThatCode(() -> this.strict.check(clientId)).doesNotThrowAnyException();
	}

	@Test
	void demoSettingAllowsHttpAndLoopbackButKeepsOtherRules() {
		assertThatCode(() -> this.demo.check("http://localhost:3000/client-metadata.json")).doesNotThrowAnyException();
		assertThatThrownBy(() -> this.demo.check("http://localhost:3000/")).hasMessageContaining("path");
		assertThatThrownBy(() -> this.demo.check("ftp://localhost/x")).hasMessageContaining("scheme");
	}

	@Test
	void rejectsOverlongUrls() {
		assertThatThrownBy(() -> this.strict.check("https://c.test/" + "a".repeat(2048)))
			.hasMessageContaining("longer than");
	}

	@ParameterizedTest
	@CsvSource({ "https://c.test/x,true", "HTTPS://c.test/x,true", "http://c.test/x,true", "my-client,false",
			"urn:client,false" })
	void detectsUrlShapedClientIds(String clientId, boolean url) {
		assertThat(ClientIdUrlPolicy.looksLikeUrl(clientId)).isEqualTo(url);
	}

}
