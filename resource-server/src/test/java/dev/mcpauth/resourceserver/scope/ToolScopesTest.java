package dev.mcpauth.resourceserver.scope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import dev.mcpauth.oauth2.server.resource.scope.ToolScopes;
import dev.mcpauth.resourceserver.tools.WeatherTool;
import dev.mcpauth.resourceserver.tools.WhoAmITool;
import io.modelcontextprotocol.server.McpSyncServer;
import org.junit.jupiter.api.Test;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.server.common.autoconfigure.annotations.McpServerAnnotationScannerAutoConfiguration.ServerMcpAnnotatedBeans;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * This application's tool-to-scope map, read by the library from the annotations, is what the documentation says
 * (the library's own {@code ToolScopesTest} covers refusing unprotected tools).
 */
class ToolScopesTest {

	@Test
	void readsEachToolsScopeFromItsAnnotation() {
		ToolScopes scopes = toolScopes(new WhoAmITool(), new WeatherTool());

		assertThat(scopes.asMap()).containsExactly(entry("get_weather", "weather:read"), entry("whoami", "mcp:connect"));
		assertThat(scopes.knownScopes()).containsExactly("mcp:connect", "weather:read");
	}

	@Test
	void documentationTableListsEveryToolWithItsScope() throws IOException {
		String docs = Files.readString(Path.of("../docs/resource-server.md"));

		toolScopes(new WhoAmITool(), new WeatherTool()).asMap()
			.forEach((tool, scope) -> assertThat(docs).contains("| `" + tool + "` | `" + scope + "` |"));
	}

	private static ToolScopes toolScopes(Object... beans) {
		ServerMcpAnnotatedBeans annotated = new ServerMcpAnnotatedBeans();
		for (Object bean : beans) {
			annotated.addMcpAnnotatedBean(bean, Set.of(McpTool.class));
		}
		ToolScopes scopes = new ToolScopes(annotated,
				new DefaultListableBeanFactory().getBeanProvider(McpSyncServer.class));
		scopes.afterSingletonsInstantiated();
		return scopes;
	}

}
