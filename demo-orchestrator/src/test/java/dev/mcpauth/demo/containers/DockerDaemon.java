package dev.mcpauth.demo.containers;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * The container suite needs a Docker daemon. Without one it is skipped with the reason, except on CI
 * ({@code CI=true}), where a missing daemon is a broken pipeline, not a reason to skip: .ci/run provisions one.
 */
final class DockerDaemon {

	private DockerDaemon() {
	}

	static void requireOrSkip() {
		if (DockerClientFactory.instance().isDockerAvailable()) {
			return;
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			Assertions.fail("CI=true but no Docker daemon answers: .ci/run must run '.ci/provision-docker.sh start' "
					+ "before the tests");
		}
		Assumptions.abort("No Docker daemon answers, so the container suite is skipped. Start one (on Debian: "
				+ "sudo .ci/provision-docker.sh start; without a registry also docker/base-images/build.sh) and set "
				+ "TESTCONTAINERS_RYUK_DISABLED=true where the Ryuk image cannot be pulled.");
	}

}
