package dev.mcpauth.demo;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import dev.mcpauth.demo.process.LocalPorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo as an agent without a user runs it (issue 17): {@code demo.sh -- --client-credentials} with the demo
 * profile's confidential client {@code demo-agent}. The client obtains its tokens with the client credentials
 * grant (no browser, no PKCE), every token is DPoP-bound to the client's key (the authorization server advertises
 * DPoP, the resource server verifies the proofs), and the step-up asks for the union of scopes with the same grant.
 */
class AgentJourneyIT {

	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+");

	static int asPort;

	static int rsPort;

	static OrchestratorRun run;

	@BeforeAll
	static void runTheAgentDemo() throws Exception {
		asPort = LocalPorts.pickFree();
		rsPort = LocalPorts.pickFree();
		run = OrchestratorRun.of(Duration.ofMinutes(5), "--as-port=" + asPort, "--rs-port=" + rsPort,
				"--client-port=" + LocalPorts.pickFree(), "--startup-timeout=150",
				"--log-dir=" + OrchestratorRun.itLogDir("agent-journey"), "--", "--client-credentials",
				"--mcp-client.client-id=demo-agent", "--mcp-client.client-secret=demo-agent-secret");
	}

	@Test
	void exitsZeroWithTheClientCredentialsSuccessLine() {
		assertThat(run.exitStatus()).as(run.toString()).isZero();
		assertThat(run.stdout()).as(run.toString())
			.contains("=== Success: client credentials + OAuth 2.1 + step-up flow completed ===");
	}

	@Test
	void bothTokensComeFromTheClientCredentialsGrantForTheResourceWithTheUnionOfScopesOnStepUp() {
		List<String> grants = run.stdout().stream().filter(line -> line.contains("client_credentials grant:")).toList();

		assertThat(grants).as(run.toString()).hasSize(2);
		assertThat(grants.get(0)).contains("client_id=demo-agent")
			.contains("auth=client_secret_basic")
			.contains("scope=mcp:connect resource=" + resource())
			.contains("dpop=yes");
		assertThat(grants.get(1)).contains("scope=mcp:connect weather:read resource=" + resource());
		assertThat(run.stdout()).noneMatch(line -> line.contains("registration:") || line.contains("CIMD"));
	}

	@Test
	void everyTokenIsDpopBoundToTheOneKeyTheClientAnnounced() { // RFC 9449 §5, §6.1
		String announced = run.stdout()
			.stream()
			.filter(line -> line.startsWith("    DPoP: the authorization server takes ES256 proofs; key jkt="))
			.findFirst()
			.orElseThrow(() -> new AssertionError(run.toString()));
		String jkt = announced.replaceAll(".*jkt=([A-Za-z0-9_-]+).*", "$1");

		assertThat(run.stdout().stream().filter(line -> line.startsWith("    token_type=DPoP:")))
			.containsExactly("    token_type=DPoP: bound to the client's key jkt=" + jkt,
					"    token_type=DPoP: bound to the client's key jkt=" + jkt);
	}

	@Test
	void theToolsSeeTheAgentAsSubjectAndClient() {
		assertThat(run.stdout()).as(run.toString())
			.anySatisfy(line -> assertThat(line).startsWith("    result: ")
				.contains("\"subject\":\"demo-agent\"")
				.contains("\"clientId\":\"demo-agent\""));
		assertThat(run.stdout()).anySatisfy(line -> assertThat(line).startsWith("    403 insufficient_scope -> "));
	}

	@Test
	void printsNoTokenAndNoSecret() { // nothing secret is printed
		assertThat(run.stdout()).noneMatch(line -> JWT.matcher(line).find() || line.contains("demo-agent-secret"));
		assertThat(run.stderr()).noneMatch(line -> JWT.matcher(line).find() || line.contains("demo-agent-secret"));
	}

	private static String resource() {
		return "http://localhost:" + rsPort + "/mcp";
	}

}
