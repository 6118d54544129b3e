package dev.mcpauth.authserver.durable;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The durable-state journey on embedded H2 (the quick start's database, here kept alive between two runs).
 */
class H2DurableStateTest extends DurableStateJourney {

	@Override
	protected TestDatabase newDatabase() {
		return TestDatabase.h2();
	}

	@Test
	void embeddedInMemoryDatabaseStartsWithoutAnEncryptionKey() {
		AuthServerRun run = start(Map.of("mcp.authorization-server.keys.encryption-key", ""));

		assertThat(run.client().get("/oauth2/jwks", "application/json").body()).contains("\"kid\"");
	}

	@Test
	void persistentDatabaseWithoutAnEncryptionKeyFailsStartupClearly() {
		this.database = new TestDatabase.Jdbc("h2",
				"jdbc:h2:file:./target/durable-no-key-" + System.nanoTime() + ";DB_CLOSE_ON_EXIT=FALSE", "sa");

		assertThatThrownBy(() -> start(Map.of("mcp.authorization-server.keys.encryption-key", ""))).rootCause()
			.hasMessageContaining("mcp.authorization-server.keys.encryption-key is not set");
	}

}
