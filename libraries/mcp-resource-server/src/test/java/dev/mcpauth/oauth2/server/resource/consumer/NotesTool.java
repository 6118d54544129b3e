package dev.mcpauth.oauth2.server.resource.consumer;

import dev.mcpauth.oauth2.server.resource.Caller;
import dev.mcpauth.oauth2.server.resource.RequiredScope;
import io.modelcontextprotocol.common.McpTransportContext;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.stereotype.Component;

/** The consumer's one tool: it needs {@code notes:read}, which a base-scope token does not carry. */
@Component
public class NotesTool {

	@McpTool(name = "read_note", description = "Reads a note by its title")
	@RequiredScope("notes:read")
	public String readNote(@McpToolParam(description = "Title of the note", required = true) String title,
			McpTransportContext context) {
		return "note '" + title + "' for " + Caller.from(context).subject();
	}

}
