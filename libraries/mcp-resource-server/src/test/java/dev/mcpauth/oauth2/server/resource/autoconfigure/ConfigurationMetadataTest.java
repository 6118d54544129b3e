package dev.mcpauth.oauth2.server.resource.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mcpauth.oauth2.server.resource.dpop.DpopProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration processor's output, as it ships in the jar: every {@code mcp.resource-server.*} key has a
 * description, so an IDE can explain it, and the keys are the ones the record declares.
 */
class ConfigurationMetadataTest {

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	@Test
	void everyKeyHasADescription() throws Exception {
		JsonNode properties = JsonMapper.builder().build().readTree(Files.readString(METADATA)).get("properties");
		List<String> names = new ArrayList<>();
		List<String> undescribed = new ArrayList<>();
		for (JsonNode property : properties) {
			String name = property.get("name").asString();
			names.add(name);
			JsonNode description = property.get("description");
			if (description == null || description.asString().isBlank()) {
				undescribed.add(name);
			}
		}

		assertThat(undescribed).as("keys without a description").isEmpty();
		assertThat(names).allMatch((name) -> name.startsWith(McpResourceServerProperties.PREFIX + "."))
			.contains("mcp.resource-server.resource", "mcp.resource-server.issuer", "mcp.resource-server.jwk-set-uri",
					"mcp.resource-server.allowed-origins", "mcp.resource-server.token-cache-size")
			.contains("mcp.resource-server.dpop.mode", "mcp.resource-server.dpop.nonce-required",
					"mcp.resource-server.dpop.nonce-secret", "mcp.resource-server.dpop.max-proof-age",
					"mcp.resource-server.dpop.replay-cache-size")
			.hasSize(McpResourceServerProperties.class.getRecordComponents().length
					+ DpopProperties.class.getRecordComponents().length);
	}

	@Test
	void defaultsAreRecorded() throws Exception {
		JsonNode properties = JsonMapper.builder().build().readTree(Files.readString(METADATA)).get("properties");
		List<String> withDefaults = new ArrayList<>();
		for (JsonNode property : properties) {
			if (property.has("defaultValue")) {
				withDefaults.add(property.get("name").asString() + "=" + property.get("defaultValue").asString());
			}
		}

		assertThat(withDefaults).contains("mcp.resource-server.base-scope=mcp:connect",
				"mcp.resource-server.clock-skew=30s", "mcp.resource-server.token-cache-size=4096",
				"mcp.resource-server.dpop.mode=optional", "mcp.resource-server.dpop.max-proof-age=5m",
				"mcp.resource-server.dpop.replay-cache-size=100000");
	}

}
