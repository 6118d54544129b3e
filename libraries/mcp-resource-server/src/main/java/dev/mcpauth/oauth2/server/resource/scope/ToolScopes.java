package dev.mcpauth.oauth2.server.resource.scope;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.mcpauth.oauth2.server.resource.RequiredScope;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.server.common.autoconfigure.annotations.McpServerAnnotationScannerAutoConfiguration.ServerMcpAnnotatedBeans;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * The one source of truth for "which scope does each tool need": read once at startup from the {@link RequiredScope}
 * annotations on the same {@code @McpTool} beans that Spring AI turns into MCP tools.
 *
 * <p>Startup fails if a tool has no {@code @RequiredScope}, declares a malformed scope, or if the running MCP server
 * exposes a tool this map does not know: an unprotected tool is a configuration error, not a default.
 */
public class ToolScopes implements SmartInitializingSingleton {

	private final ServerMcpAnnotatedBeans annotatedBeans;

	private final ObjectProvider<McpSyncServer> server;

	private final String baseScope;

	private volatile Map<String, String> scopeByTool;

	/**
	 * With the default base scope {@link Scopes#CONNECT}.
	 * @param annotatedBeans the {@code @McpTool} beans Spring AI found
	 * @param server the running MCP server, to check that every tool it exposes is known here
	 */
	public ToolScopes(ServerMcpAnnotatedBeans annotatedBeans, ObjectProvider<McpSyncServer> server) {
		this(annotatedBeans, server, Scopes.CONNECT);
	}

	/**
	 * @param annotatedBeans the {@code @McpTool} beans Spring AI found
	 * @param server the running MCP server, to check that every tool it exposes is known here
	 * @param baseScope the scope every MCP request needs
	 */
	public ToolScopes(ServerMcpAnnotatedBeans annotatedBeans, ObjectProvider<McpSyncServer> server,
			String baseScope) {
		if (!Scopes.isScopeToken(baseScope)) {
			throw new IllegalArgumentException("The base scope is not a valid scope token");
		}
		this.annotatedBeans = annotatedBeans;
		this.server = server;
		this.baseScope = baseScope;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, String> scopes = new TreeMap<>();
		for (Object bean : this.annotatedBeans.getBeansByAnnotation(McpTool.class)) {
			for (Method method : ClassUtils.getUserClass(bean).getDeclaredMethods()) {
				McpTool tool = method.getAnnotation(McpTool.class);
				if (tool != null) {
					String name = StringUtils.hasText(tool.name()) ? tool.name() : method.getName();
					scopes.put(name, requiredScopeOf(method, name));
				}
			}
		}
		McpSyncServer mcpServer = this.server.getIfAvailable();
		if (mcpServer != null) {
			for (McpSchema.Tool tool : mcpServer.listTools()) {
				if (!scopes.containsKey(tool.name())) {
					throw new IllegalStateException("MCP tool '" + tool.name() + "' has no @RequiredScope");
				}
			}
		}
		this.scopeByTool = Collections.unmodifiableMap(scopes);
	}

	private static String requiredScopeOf(Method method, String toolName) {
		RequiredScope required = method.getAnnotation(RequiredScope.class);
		if (required == null) {
			throw new IllegalStateException("@McpTool '" + toolName + "' (" + method + ") must declare @RequiredScope");
		}
		if (!Scopes.isScopeToken(required.value())) {
			throw new IllegalStateException("@RequiredScope of '" + toolName + "' is not a valid scope token");
		}
		return required.value();
	}

	/** The scope a tool needs, or empty for a name that is not a tool here (the MCP server then answers the error). */
	public Optional<String> requiredScope(String toolName) {
		return Optional.ofNullable(scopeByTool().get(toolName));
	}

	/** Tool name to scope, sorted by tool name. */
	public Map<String, String> asMap() {
		return scopeByTool();
	}

	/** The scope every MCP request needs ({@code mcp.resource-server.base-scope}). */
	public String baseScope() {
		return this.baseScope;
	}

	/** Every scope this resource server understands: the base scope first, then the tools' scopes. */
	public Set<String> knownScopes() {
		Set<String> known = new LinkedHashSet<>();
		known.add(this.baseScope);
		known.addAll(scopeByTool().values());
		return known;
	}

	private Map<String, String> scopeByTool() {
		Map<String, String> scopes = this.scopeByTool;
		if (scopes == null) {
			throw new IllegalStateException("Tool scopes are read after all singletons are created");
		}
		return scopes;
	}

}
