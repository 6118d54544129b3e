package dev.mcpauth.client;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;

import dev.mcpauth.client.config.McpClientProperties;
import dev.mcpauth.client.journey.ToolCall;
import dev.mcpauth.client.trace.TracePrinter;
import tools.jackson.databind.json.JsonMapper;

/** Lets tests in other packages run the command with captured streams. */
public final class ClientCommandAccess {

	private ClientCommandAccess() {
	}

	public static int execute(McpClientProperties properties, JsonMapper json, PrintStream out, PrintStream err,
			URI serverUrl, List<ToolCall> calls, TracePrinter trace) {
		return new ClientCommand(properties, json, out, err).execute(serverUrl, calls, trace,
				trace.verbosity() == dev.mcpauth.client.trace.Verbosity.VERBOSE);
	}

}
