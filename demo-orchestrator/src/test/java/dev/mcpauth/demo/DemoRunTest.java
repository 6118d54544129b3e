package dev.mcpauth.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoRunTest {

	@Test
	void findsConfiguredIssuerInMetadataWhateverTheWhitespace() {
		assertThat(DemoRun.hasMember("{\"issuer\":\"http://localhost:9000\",\"x\":1}", "issuer",
				"http://localhost:9000"))
			.isTrue();
		assertThat(DemoRun.hasMember("{ \"issuer\" : \"http://localhost:9000\" }", "issuer", "http://localhost:9000"))
			.isTrue();
	}

	@Test
	void doesNotAcceptAPrefixOrAnotherMember() {
		assertThat(DemoRun.hasMember("{\"issuer\":\"http://localhost:9000/x\"}", "issuer", "http://localhost:9000"))
			.isFalse();
		assertThat(DemoRun.hasMember("{\"jwks_uri\":\"http://localhost:9000\"}", "issuer", "http://localhost:9000"))
			.isFalse();
	}

}
