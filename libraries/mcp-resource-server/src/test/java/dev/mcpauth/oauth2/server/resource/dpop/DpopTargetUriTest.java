package dev.mcpauth.oauth2.server.resource.dpop;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code htu} comparison of RFC 9449 section 4.3 with the normalizations of RFC 3986 sections 6.2.2, 6.2.3. */
class DpopTargetUriTest {

	@Test
	void syntaxAndSchemeBasedNormalization() {
		String expected = "https://mcp.example.com/mcp";

		assertThat(DpopTargetUri.normalize("HTTPS://MCP.Example.COM:443/mcp")).isEqualTo(expected);
		assertThat(DpopTargetUri.normalize("https://mcp.example.com/a/../mcp")).isEqualTo(expected);
		assertThat(DpopTargetUri.normalize("https://mcp.example.com/%6d%63%70")).isEqualTo(expected);
		assertThat(DpopTargetUri.normalize("https://mcp.example.com/mcp?x=1#y")).isEqualTo(expected);
		assertThat(DpopTargetUri.normalize("https://mcp.example.com")).isEqualTo("https://mcp.example.com/");
		assertThat(DpopTargetUri.normalize("https://h/a%2fb")).isEqualTo("https://h/a%2Fb");
	}

	@Test
	void differentUrisStayDifferent() {
		assertThat(DpopTargetUri.normalize("http://mcp.example.com/mcp"))
			.isNotEqualTo(DpopTargetUri.normalize("https://mcp.example.com/mcp"));
		assertThat(DpopTargetUri.normalize("https://mcp.example.com:8443/mcp"))
			.isNotEqualTo(DpopTargetUri.normalize("https://mcp.example.com/mcp"));
		assertThat(DpopTargetUri.normalize("https://mcp.example.com/MCP"))
			.isNotEqualTo(DpopTargetUri.normalize("https://mcp.example.com/mcp"));
	}

	@Test
	void notAnAbsoluteHttpUri() {
		assertThat(DpopTargetUri.normalize("/mcp")).isNull();
		assertThat(DpopTargetUri.normalize("urn:x:y")).isNull();
		assertThat(DpopTargetUri.normalize("ftp://h/mcp")).isNull();
		assertThat(DpopTargetUri.normalize("https://h/%zz")).isNull();
	}

}
