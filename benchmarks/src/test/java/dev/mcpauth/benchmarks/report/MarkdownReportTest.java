package dev.mcpauth.benchmarks.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.mcpauth.benchmarks.load.LoadResult;
import dev.mcpauth.benchmarks.scenario.ResourceServerBenchmark;
import dev.mcpauth.benchmarks.scenario.SideBySideBenchmark;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

	private static final LoadResult SECURED = new LoadResult(4500, 0, null, 1, 4500, 0.30, 1.20, 2.0);

	private static final LoadResult OPEN = new LoadResult(5000, 0, null, 1, 5000, 0.25, 0.40, 1.0);

	@Test
	void fullRunJudgesEachTargetNextToItsNumber() {
		String markdown = MarkdownReport.render(results("full"));

		// issue 18: ratio 0.90 meets ">= 0.75"; p99 overhead 0.80 ms misses "< 0.5 ms"
		assertThat(markdown)
			.contains("| whoami | 4 | 4500 | 5000 | 0.90 met | 0.30 / 1.20 | 0.25 / 0.40 | 0.80 **missed** |");
	}

	@Test
	void smokeRunSaysItsNumbersMeanNothingAndJudgesNothing() {
		String markdown = MarkdownReport.render(results("smoke"));

		assertThat(markdown).contains("These numbers say nothing about speed")
			.contains("| whoami | 4 | 4500 | 5000 | 0.90 | 0.30 / 1.20 | 0.25 / 0.40 | 0.80 |")
			.doesNotContain(" met |")
			.doesNotContain("missed");
	}

	@Test
	void sideBySideShowsOurOverKeycloakRatiosSkippedGrantsStartupAndMemory() {
		LoadResult ours = new LoadResult(900, 0, null, 1, 900, 2.0, 5.0, 9.0);
		LoadResult theirs = new LoadResult(300, 0, null, 1, 300, 6.0, 15.0, 20.0);
		SideBySideBenchmark.Row mine = new SideBySideBenchmark.Row("refresh token (rotating)", 4, ours);
		SideBySideBenchmark.Row keycloak = new SideBySideBenchmark.Row("refresh token (rotating)", 4, theirs);
		SideBySideBenchmark.Row cc = new SideBySideBenchmark.Row("client credentials", 4, theirs);
		SideBySideBenchmark.Result result = new SideBySideBenchmark.Result(
				new SideBySideBenchmark.ServerResult("auth-server", "Java 17", Duration.ofMillis(2500),
						new ProcessMemory(200, 200), new ProcessMemory(270, 280), List.of(mine),
						Map.of("client credentials", "not advertised"), Map.of()),
				null,
				new SideBySideBenchmark.ServerResult("Keycloak 26.7.3", "Java 25", Duration.ofSeconds(15),
						new ProcessMemory(600, 600), new ProcessMemory(700, 720), List.of(cc, keycloak), Map.of(),
						Map.of()),
				List.of(new SideBySideBenchmark.Ratio("client credentials", 4, null, cc, Double.NaN),
						new SideBySideBenchmark.Ratio("refresh token (rotating)", 4, mine, keycloak, 3.0)), "auth-server first");
		Results results = new Results("full", Machine.current(List.of("-Xmx512m")), "0 0 0", null, null, result, null,
				null, null, List.of());

		assertThat(MarkdownReport.render(results))
			.contains("| client credentials | 4 | skipped | - | 300 | 6.00 / 15.0 | - |")
			.contains("| refresh token (rotating) | 4 | 900 | 2.00 / 5.00 | 300 | 6.00 / 15.0 | 3.00 met |")
			.contains("- auth-server, client credentials: skipped: not advertised")
			.contains("| auth-server | 2.50 met | 200 | 270 | 280 met |")
			.contains("| Keycloak 26.7.3 | 15.0 | 600 | 700 | 720 |");
	}

	@Test
	void productionStartRowShowsItsThroughputAgainstTheSameOptionsRunAndIsJudgedOnStartAndPeakMemory() {
		LoadResult sameOptions = new LoadResult(800, 0, null, 1, 800, 2.0, 5.0, 9.0);
		LoadResult bounded = new LoadResult(600, 0, null, 1, 600, 3.0, 8.0, 12.0);
		String refresh = "refresh token (rotating)";
		SideBySideBenchmark.Result result = new SideBySideBenchmark.Result(
				new SideBySideBenchmark.ServerResult("auth-server", "Java 17", Duration.ofMillis(7400),
						new ProcessMemory(430, 430), new ProcessMemory(650, 656),
						List.of(new SideBySideBenchmark.Row(refresh, 2, sameOptions)), Map.of(), Map.of()),
				new SideBySideBenchmark.ServerResult("auth-server, production start configuration", "Java 17",
						Duration.ofMillis(2900), new ProcessMemory(180, 185), new ProcessMemory(240, 310),
						List.of(new SideBySideBenchmark.Row(refresh, 2, bounded)), Map.of(), Map.of()),
				null, List.of(), "the auth-server's two configurations, without Keycloak");
		Results results = new Results("full", Machine.current(List.of("-Xmx512m")), "0 0 0", null, null, result, null,
				null, null, List.of());

		String markdown = MarkdownReport.render(results);

		// 600 / 800 = 0.75 of the same-options throughput, said next to it; no Keycloak columns without Keycloak
		assertThat(markdown).contains("### 5. The auth-server's production start configuration")
			.contains("| operation | workers | auth-server /s | p50 / p99 ms | production start /s | p50 / p99 ms | "
					+ "production / same options |\n")
			.contains("| refresh token (rotating) | 2 | 800 | 2.00 / 5.00 | 600 | 3.00 / 8.00 | 0.75 |\n")
			.contains("| auth-server | 7.40 **missed** | 430 | 650 | 656 **missed** |")
			// 310 MiB = 325 MB: over the 300 MB target
			.contains("| auth-server, production start configuration | 2.90 met | 180 | 240 | 310 **missed** |")
			.contains(String.join(" ", dev.mcpauth.benchmarks.scenario.ProductionStart.JVM_OPTIONS))
			.doesNotContain("Keycloak /s");
	}

	@Test
	void failuresAreListed() {
		Results failed = new Results("full", Machine.current(List.of("-Xmx512m")), "0 0 0", null, null, null, null,
				null, null, List.of("demo: exit 1"));

		assertThat(MarkdownReport.render(failed)).contains("### Failures").contains("- demo: exit 1");
	}

	private static Results results(String mode) {
		ResourceServerBenchmark.Result rs = new ResourceServerBenchmark.Result(ResourceServerBenchmark.SECURITY_OFF,
				Map.of(), List.of(ResourceServerBenchmark.Comparison.of("whoami", 4, SECURED, OPEN)));
		return new Results(mode, Machine.current(List.of("-Xmx512m")), "0 0 0", rs, null, null, null, null, null,
				List.of());
	}

}
