package dev.mcpauth.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import dev.mcpauth.demo.process.LocalPorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole demo, as a user runs it, on random free ports: every step of the trace is checked (not only the success
 * line), then that every process the orchestrator started is gone. The steps follow the golden path of
 * ../shared/reference/mcp-authorization-checklist.md section 2.4.
 */
class DemoJourneyIT {

	private static final List<String> STEPS = List.of("[1] Discovery", "[2] Authorization (CIMD + PKCE) for base scope",
			"[3] Call tool 'whoami'", "[4] Call tool 'get_weather' (expect insufficient scope)",
			"[5] Step-up re-authorization for the extra scope", "[6] Retry 'get_weather' with stepped-up token");

	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+");

	static int asPort;

	static int rsPort;

	static int clientPort;

	static OrchestratorRun run;

	@BeforeAll
	static void runTheDemo() throws Exception {
		asPort = LocalPorts.pickFree();
		rsPort = LocalPorts.pickFree();
		clientPort = LocalPorts.pickFree();
		// generous timeouts: CI machines are shared; the demo itself takes seconds
		run = OrchestratorRun.of(Duration.ofMinutes(5), "--as-port=" + asPort, "--rs-port=" + rsPort,
				"--client-port=" + clientPort, "--startup-timeout=150", "--log-dir=" + OrchestratorRun.itLogDir("journey"));
	}

	@Test
	void exitsZeroWithTheSuccessLineAndTheOrchestratorSummary() {
		assertThat(run.exitStatus()).as(run.toString()).isZero();
		assertThat(run.stdout()).as(run.toString())
			.contains("=== Success: full CIMD + OAuth 2.1 + step-up flow completed ===");
		assertThat(run.stdout().get(run.stdout().size() - 1)).startsWith("demo: finished in");
	}

	@Test
	void printsTheSixStepsOnceEachAndInOrder() {
		List<String> headers = run.stdout().stream().filter(line -> line.startsWith("[")).toList();

		assertThat(headers).as(run.toString()).containsExactlyElementsOf(STEPS);
	}

	@Test
	void discoveryFollowsTheChallengeToTheResourceMetadataAndTheAuthorizationServer() { // CL-01..CL-05, RS-03, RS-05
		List<String> step = section(1);

		assertThat(step).as(run.toString())
			.anySatisfy(line -> assertThat(line).startsWith("    401 challenge -> ")
				.contains("resource_metadata=http://localhost:" + rsPort + "/.well-known/oauth-protected-resource/mcp")
				.contains("scope=mcp:connect"));
		assertThat(step).contains("    PRM: resource=" + resource() + " as=[" + issuer() + "] scopes=[mcp:connect]");
		assertThat(step).contains("    AS metadata discovered at " + issuer() + "/.well-known/oauth-authorization-server");
	}

	@Test
	void firstAuthorizationUsesCimdFetchedByTheAuthorizationServerAndYieldsABaseScopeTokenForTheResource() {
		List<String> step = section(2);

		assertThat(step).as(run.toString())
			.contains("    registration: CIMD client_id=http://localhost:" + clientPort + "/client-metadata.json");
		assertThat(step).anySatisfy(line -> assertThat(line)
			.startsWith("    CIMD document fetched by the authorization server (GET /client-metadata.json)"));
		assertThat(tokenLines(step)).containsExactly(new TokenLine(List.of("mcp:connect"), resource()));
	}

	@Test
	void whoamiAnswersWithTheBaseToken() {
		assertThat(section(3)).as(run.toString()).anySatisfy(line -> assertThat(line).startsWith("    result: "));
	}

	@Test
	void getWeatherIsRefusedExactlyOnceWithInsufficientScopeNamingBothScopes() { // RS-12
		List<String> refusals = run.stdout().stream().filter(line -> line.contains("insufficient_scope")).toList();

		assertThat(refusals).as(run.toString()).hasSize(1);
		assertThat(section(4)).containsExactly(refusals.get(0));
		assertThat(refusals.get(0)).startsWith("    403 insufficient_scope -> scope=")
			.contains("mcp:connect")
			.contains("weather:read");
	}

	@Test
	void stepUpHappensExactlyOnceAndTheSecondTokenHasBothScopesForTheSameResource() { // CL-10, 4.3
		assertThat(run.stdout().stream().filter(line -> line.startsWith("[5]"))).hasSize(1);
		assertThat(tokenLines(run.stdout())).as("one token per authorization").hasSize(2);

		assertThat(tokenLines(section(5)))
			.containsExactly(new TokenLine(List.of("mcp:connect", "weather:read"), resource()));
	}

	@Test
	void retriedGetWeatherReturnsItsResult() {
		assertThat(section(6)).as(run.toString())
			.anySatisfy(line -> assertThat(line).startsWith("    result: ").doesNotContainIgnoringCase("error"));
	}

	@Test
	void printsNoToken() { // RS-17, CL: nothing secret is printed
		assertThat(run.stdout()).noneMatch(line -> JWT.matcher(line).find());
		assertThat(run.stderr()).noneMatch(line -> JWT.matcher(line).find());
	}

	@Test
	void stopsEveryProcessItStarted() throws Exception {
		for (int port : new int[] { asPort, rsPort, clientPort }) {
			assertThat(LocalPorts.awaitFree(port, Duration.ofSeconds(10))).as("port %d free again", port).isTrue();
		}
		List<String> leftovers = ProcessHandle.allProcesses()
			.filter(ProcessHandle::isAlive)
			.map(process -> String.join(" ", process.info().arguments().orElse(new String[0])))
			.filter(arguments -> arguments.contains("--server.port=" + asPort)
					|| arguments.contains("--server.port=" + rsPort)
					|| arguments.contains("--mcp-client.cimd.port=" + clientPort))
			.toList();
		assertThat(leftovers).isEmpty();
	}

	private static String issuer() {
		return "http://localhost:" + asPort;
	}

	private static String resource() {
		return "http://localhost:" + rsPort + "/mcp";
	}

	/** The detail lines under step header {@code [n]}, up to the next header or the end of the trace. */
	private static List<String> section(int n) {
		List<String> lines = new ArrayList<>();
		boolean inside = false;
		for (String line : run.stdout()) {
			if (line.startsWith("[") || line.startsWith("===")) {
				inside = line.startsWith("[" + n + "]");
			}
			else if (inside && line.startsWith("    ")) {
				lines.add(line);
			}
		}
		assertThat(lines).as("step [%d] has detail lines in%n%s", n, run).isNotEmpty();
		return lines;
	}

	/** {@code token: scope=<scopes> aud=<audience>} lines; scopes compared as a set. */
	private static List<TokenLine> tokenLines(List<String> lines) {
		Pattern token = Pattern.compile("^ {4}token: scope=(.+?) aud=(\\S+)$");
		return lines.stream().map(token::matcher).filter(java.util.regex.Matcher::matches).map(m -> {
			List<String> scopes = new ArrayList<>(Arrays.asList(m.group(1).trim().split("\\s+")));
			scopes.sort(null);
			return new TokenLine(List.copyOf(scopes), m.group(2));
		}).toList();
	}

	record TokenLine(List<String> scopes, String audience) {
	}

}
