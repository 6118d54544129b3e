package dev.mcpauth.authserver.audit;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail as it appears in the console: one JSON object per line from the {@code dev.mcpauth.audit} logger.
 */
final class AuditLines {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AuditLines() {
	}

	static List<JsonNode> of(String output) {
		return output.lines()
			.filter((line) -> line.startsWith("{") && line.contains("\"logger\":\"dev.mcpauth.audit\""))
			.map(JSON::readTree)
			.toList();
	}

	static List<JsonNode> ofType(String output, String type) {
		return of(output).stream().filter((line) -> type.equals(line.get("audit").get("type").stringValue())).toList();
	}

}
