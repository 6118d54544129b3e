package dev.mcpauth.benchmarks.report;

import java.util.List;
import java.util.Map;

import dev.mcpauth.benchmarks.load.LoadResult;
import dev.mcpauth.benchmarks.scenario.ResourceServerBenchmark;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

	private static final LoadResult SECURED = new LoadResult(4500, 0, null, 1, 4500, 0.30, 1.20, 2.0);

	private static final LoadResult OPEN = new LoadResult(5000, 0, null, 1, 5000, 0.25, 0.40, 1.0);

	@Test
	void fullRunJudgesEachTargetNextToItsNumber() {
		String markdown = MarkdownReport.render(results("full"));

		// ratio 0.90 meets ">= 0.90"; p99 overhead 0.80 ms meets "< 1 ms"
		assertThat(markdown).contains("| whoami | 4 | 4500 | 5000 | 0.90 met | 0.30 / 1.20 | 0.25 / 0.40 | 0.80 met |");
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
	void failuresAreListed() {
		Results failed = new Results("full", Machine.current(List.of("-Xmx512m")), "0 0 0", null, null, null,
				null, null, List.of("demo: exit 1"));

		assertThat(MarkdownReport.render(failed)).contains("### Failures").contains("- demo: exit 1");
	}

	private static Results results(String mode) {
		ResourceServerBenchmark.Result rs = new ResourceServerBenchmark.Result(ResourceServerBenchmark.SECURITY_OFF,
				Map.of(), List.of(ResourceServerBenchmark.Comparison.of("whoami", 4, SECURED, OPEN)));
		return new Results(mode, Machine.current(List.of("-Xmx512m")), "0 0 0", rs, null, null, null, null,
				List.of());
	}

}
