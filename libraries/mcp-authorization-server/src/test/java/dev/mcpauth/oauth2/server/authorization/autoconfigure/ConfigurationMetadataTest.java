package dev.mcpauth.oauth2.server.authorization.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's {@code META-INF/spring-configuration-metadata.json} (written by the configuration processor from the
 * properties records' javadoc) describes every key, so an IDE completes and explains each one.
 */
class ConfigurationMetadataTest {

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	@Test
	void everyPropertyHasADescription() throws Exception {
		JsonNode metadata = JsonMapper.builder().build().readTree(Files.readString(METADATA));
		List<String> names = new ArrayList<>();
		List<String> undescribed = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			names.add(name);
			JsonNode description = property.get("description");
			if (description == null || description.asString().isBlank()) {
				undescribed.add(name);
			}
		}

		assertThat(names).contains("mcp.authorization-server.issuer", "mcp.authorization-server.resources",
				"mcp.authorization-server.scopes", "mcp.authorization-server.default-scopes",
				"mcp.authorization-server.dynamic-client-registration", "mcp.authorization-server.clients",
				"mcp.authorization-server.cimd.allow-http-and-loopback", "mcp.authorization-server.cimd.allowed-hosts",
				"mcp.authorization-server.cimd.stale-if-error", "mcp.authorization-server.client-credentials.enabled",
				"mcp.authorization-server.dpop.enabled", "mcp.authorization-server.dpop.nonce-required",
				"mcp.authorization-server.dpop.nonce-lifetime", "mcp.authorization-server.dpop.nonce-secret");
		assertThat(names).allMatch((name) -> name.startsWith("mcp.authorization-server."));
		assertThat(undescribed).as("properties without a description").isEmpty();
	}

}
