package dev.mcpauth.oauth2.client.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata the configuration processor generated into the jar: an IDE completes every {@code mcp.client.*} key
 * and shows what it means.
 */
class ConfigurationMetadataTest {

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	@Test
	void describesEveryKey() throws Exception {
		JsonNode metadata = JsonMapper.builder().build().readTree(Files.readString(METADATA));

		List<JsonNode> properties = metadata.get("properties").values().stream().toList();
		assertThat(properties).extracting(p -> p.get("name").asString())
			.contains("mcp.client.server-url", "mcp.client.client-id", "mcp.client.client-secret",
					"mcp.client.client-metadata-url", "mcp.client.redirect-uri", "mcp.client.scopes",
					"mcp.client.timeout", "mcp.client.user-agent")
			.allMatch(name -> name.startsWith("mcp.client."));
		assertThat(properties).allSatisfy(p -> assertThat(p.path("description").asString(""))
			.as("description of %s", p.get("name").asString())
			.isNotBlank());
	}

	@Test
	void listsTheAutoConfiguration() throws Exception {
		Path imports = Path.of(
				"target/classes/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");

		assertThat(Files.readAllLines(imports)).contains(McpOAuthClientAutoConfiguration.class.getName());
	}

}
