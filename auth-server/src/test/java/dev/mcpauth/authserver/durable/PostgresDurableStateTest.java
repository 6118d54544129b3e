package dev.mcpauth.authserver.durable;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The durable-state journey on a real PostgreSQL 15 server: {@code scripts/postgres.sh start} and
 * {@code MCP_TEST_POSTGRES_URL=$(scripts/postgres.sh url)}; skipped without the variable, required when
 * {@code CI=true} ({@code .ci/run} starts the server). Each test gets a new, empty database.
 */
class PostgresDurableStateTest extends DurableStateJourney {

	@Override
	protected TestDatabase newDatabase() {
		return TestDatabase.postgres();
	}

	@Test
	void withoutAnEncryptionKeyStartupFailsClearly() {
		assertThatThrownBy(() -> start(Map.of("mcp.authorization-server.keys.encryption-key", ""))).rootCause()
			.hasMessageContaining("mcp.authorization-server.keys.encryption-key is not set");
	}

}
