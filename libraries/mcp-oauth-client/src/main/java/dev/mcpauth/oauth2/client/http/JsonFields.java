package dev.mcpauth.oauth2.client.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** Lenient, typed reads of metadata members: a member of the wrong JSON type counts as absent. */
public final class JsonFields {

	private JsonFields() {
	}

	public static Optional<String> text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return (value != null && value.isString()) ? Optional.of(value.asString()) : Optional.empty();
	}

	/** A string array member; {@code null} when absent, so that "absent" and "empty" stay distinguishable. */
	public static List<String> textList(JsonNode node, String name) {
		JsonNode value = node.get(name);
		if (value == null || !value.isArray()) {
			return null;
		}
		List<String> result = new ArrayList<>();
		for (JsonNode element : value.values()) {
			if (element.isString()) {
				result.add(element.asString());
			}
		}
		return List.copyOf(result);
	}

	public static boolean flag(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return value != null && value.isBoolean() && value.asBoolean();
	}

	public static Optional<Long> number(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return (value != null && value.isNumber()) ? Optional.of(value.asLong()) : Optional.empty();
	}

}
