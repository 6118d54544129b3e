package dev.mcpauth.resourceserver.challenge;

import java.net.URI;
import java.util.List;

import dev.mcpauth.oauth2.server.resource.support.DpopKey;
import dev.mcpauth.resourceserver.support.McpHttp;
import dev.mcpauth.resourceserver.support.ResourceServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checklist RS-17 / issue rule 6: no access token ever appears in the logs, even with Spring Security, the MCP SDK
 * and this application logging at TRACE, for accepted, refused, malformed and query-string tokens alike.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenNeverLoggedTest extends ResourceServerTestSupport {

	/*
	 * Tomcat's wire-level loggers (org.apache.coyote.http11 at DEBUG) dump raw request bytes, headers included: that
	 * is a packet capture, not application logging, and is left out here (see docs/resource-server.md, "Logging").
	 */
	private static final List<String> VERBOSE = List.of("org.springframework", "io.modelcontextprotocol",
			"dev.mcpauth", "org.apache.catalina", "reactor");

	private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

	@BeforeEach
	void logEverything() {
		VERBOSE.forEach(logger -> this.logging.setLogLevel(logger, LogLevel.TRACE));
	}

	@AfterEach
	void restoreLevels() {
		VERBOSE.forEach(logger -> this.logging.setLogLevel(logger, null));
	}

	@Test
	void rs17NoBearerTokenStringAppearsInTheLogs(CapturedOutput output) {
		String base = token("mcp:connect");
		String session = this.mcp.initialize(base);
		this.mcp.post(McpHttp.toolsCall("whoami", "{}"), "Authorization", McpHttp.bearer(base), "Mcp-Session-Id",
				session);
		this.mcp.post(McpHttp.toolsCall("get_weather", "{\"city\":\"Rome\"}"), "Authorization", McpHttp.bearer(base),
				"Mcp-Session-Id", session);
		String expired = this.authorizationServer.token(RESOURCE,
				claims -> claims.expirationTime(java.util.Date.from(java.time.Instant.now().minusSeconds(600)))
					.issueTime(java.util.Date.from(java.time.Instant.now().minusSeconds(900)))
					.notBeforeTime(null));
		this.mcp.post(McpHttp.initializeRequest(), "Authorization", McpHttp.bearer(expired));
		String forged = this.authorizationServer.tokenSignedByStranger(RESOURCE, "mcp:connect");
		this.mcp.post(McpHttp.initializeRequest(), "Authorization", McpHttp.bearer(forged));
		String malformed = base + " " + base;
		this.mcp.post(McpHttp.initializeRequest(), "Authorization", "Bearer " + malformed);
		String inQuery = token("mcp:connect weather:read");
		this.mcp.post(URI.create(RESOURCE + "?access_token=" + inQuery), McpHttp.initializeRequest());

		assertThat(output.getAll()).as("the verbose loggers were really on").contains("Securing POST /mcp");
		for (String token : List.of(base, expired, forged, inQuery)) {
			assertThat(output.getAll()).doesNotContain(token).doesNotContain(signatureOf(token));
		}
	}

	@Test
	void rs17NoDpopBoundTokenAndNoDpopProofAppearsInTheLogs(CapturedOutput output) {
		DpopKey key = new DpopKey();
		String bound = this.authorizationServer.token(RESOURCE,
				claims -> claims.claim("scope", "mcp:connect").claim("cnf", key.confirmation()));
		String accepted = key.proof("POST", RESOURCE, bound);
		this.mcp.post(McpHttp.initializeRequest(), "Authorization", "DPoP " + bound, "DPoP", accepted);
		this.mcp.post(McpHttp.initializeRequest(), "Authorization", "DPoP " + bound, "DPoP", accepted); // replay
		String otherUrl = key.proof("POST", ORIGIN + "/elsewhere", bound);
		this.mcp.post(McpHttp.initializeRequest(), "Authorization", "DPoP " + bound, "DPoP", otherUrl);
		this.mcp.post(McpHttp.initializeRequest(), "Authorization", McpHttp.bearer(bound));

		assertThat(output.getAll()).as("the verbose loggers were really on").contains("Securing POST /mcp");
		for (String jwt : List.of(bound, accepted, otherUrl)) {
			assertThat(output.getAll()).doesNotContain(jwt).doesNotContain(signatureOf(jwt));
		}
	}

	private static String signatureOf(String jwt) {
		return jwt.substring(jwt.lastIndexOf('.') + 1);
	}

}
