package dev.mcpauth.resourceserver.tools;

import dev.mcpauth.oauth2.server.resource.Caller;
import dev.mcpauth.oauth2.server.resource.RequiredScope;
import dev.mcpauth.oauth2.server.resource.scope.Scopes;
import io.modelcontextprotocol.common.McpTransportContext;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.stereotype.Component;

/**
 * {@code whoami}: tells the caller what this server knows about it from its access token.
 */
@Component
public class WhoAmITool {

	@McpTool(name = "whoami", description = "Returns the caller's subject, client id, granted scopes and token audience",
			annotations = @McpTool.McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@RequiredScope(Scopes.CONNECT)
	public Caller whoami(McpTransportContext context) {
		return Caller.from(context);
	}

}
