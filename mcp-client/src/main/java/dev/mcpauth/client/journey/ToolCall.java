package dev.mcpauth.client.journey;

import java.util.Map;

/**
 * One tool call of the journey.
 *
 * @param arguments the {@code tools/call} arguments (may be empty)
 * @param expectStepUp only labels the trace step "(expect insufficient scope)"; the flow reacts to a 403 either way
 */
public record ToolCall(String tool, Map<String, Object> arguments, boolean expectStepUp) {

	public ToolCall {
		arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
	}

}
