package dev.mcpauth.benchmarks.report;

import java.util.List;

import dev.mcpauth.benchmarks.micro.MicroBenchmarks;
import dev.mcpauth.benchmarks.profile.ExecutionProfile;
import dev.mcpauth.benchmarks.scenario.AuthorizationServerBenchmark;
import dev.mcpauth.benchmarks.scenario.DemoBenchmark;
import dev.mcpauth.benchmarks.scenario.ResourceServerBenchmark;
import dev.mcpauth.benchmarks.scenario.SideBySideBenchmark;

/**
 * Everything one run measured, as written to {@code results.json}. A part that was not run is {@code null}.
 *
 * @param mode {@code full} or {@code smoke}
 * @param machine where and how
 * @param loadAverageAtEnd the load average when the run ended
 * @param resourceServer scenario 1
 * @param authorizationServer scenarios 2 and 3
 * @param sideBySide the auth-server and Keycloak under the same load (issue 18)
 * @param demo scenario 4
 * @param micro the JMH rows
 * @param profiles JFR summaries of the servers, when recorded
 * @param failures scenarios that failed, with the reason
 */
public record Results(String mode, Machine machine, String loadAverageAtEnd,
		ResourceServerBenchmark.Result resourceServer, AuthorizationServerBenchmark.Result authorizationServer,
		SideBySideBenchmark.Result sideBySide, DemoBenchmark.Result demo, List<MicroBenchmarks.Row> micro, List<ExecutionProfile.Summary> profiles,
		List<String> failures) {

	/** Keycloak's published sizing: about 120 client-credentials or refresh grants per second per vCPU. */
	public static final double KEYCLOAK_GRANTS_PER_SECOND_PER_VCPU = 120;

	/** Issue 8: at least four times Keycloak's figure on the same cores. */
	public double grantTarget() {
		return 4 * KEYCLOAK_GRANTS_PER_SECOND_PER_VCPU * this.machine.cores();
	}

}
