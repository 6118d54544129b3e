package dev.mcpauth.demo.containers;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * The container suite needs a Docker daemon. Without one the suite is disabled, reported as skipped with the
 * reason; except on CI ({@code CI=true}), where a missing daemon is a broken pipeline, not a reason to skip:
 * .ci/run provisions one, so there the suite runs and fails with that message.
 */
final class DockerDaemon implements ExecutionCondition {

	private static final String HOW_TO = "start one (on Debian: sudo .ci/provision-docker.sh start; without a "
			+ "registry also docker/base-images/build.sh and TESTCONTAINERS_RYUK_DISABLED=true)";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (answers()) {
			return ConditionEvaluationResult.enabled("a Docker daemon answers");
		}
		if (onCi()) {
			return ConditionEvaluationResult.enabled("CI=true: a missing Docker daemon fails the suite");
		}
		return ConditionEvaluationResult.disabled("No Docker daemon answers, so the container suite is skipped; "
				+ HOW_TO + " to run it");
	}

	/** Fails with the reason when CI has no daemon; called before anything touches Docker. */
	static void require() {
		if (!answers()) {
			Assertions.fail("CI=true but no Docker daemon answers: .ci/run must run '.ci/provision-docker.sh "
					+ "start' before the tests");
		}
	}

	private static boolean answers() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	private static boolean onCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

}
