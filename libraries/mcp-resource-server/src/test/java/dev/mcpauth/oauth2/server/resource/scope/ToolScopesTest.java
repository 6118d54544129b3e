package dev.mcpauth.oauth2.server.resource.scope;

import java.util.Set;

import dev.mcpauth.oauth2.server.resource.RequiredScope;
import io.modelcontextprotocol.server.McpSyncServer;
import org.junit.jupiter.api.Test;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.server.common.autoconfigure.annotations.McpServerAnnotationScannerAutoConfiguration.ServerMcpAnnotatedBeans;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;

/**
 * The tool-to-scope map is read from the annotations and refuses unprotected tools (checklist RS-12).
 */
class ToolScopesTest {

	@Test
	void readsEachToolsScopeFromItsAnnotation() {
		ToolScopes scopes = toolScopes(new Protected());

		assertThat(scopes.asMap()).containsExactly(entry("notes_read", "notes:read"), entry("ping_me", "mcp:connect"));
		assertThat(scopes.knownScopes()).containsExactly("mcp:connect", "notes:read");
	}

	@Test
	void aConfiguredBaseScopeComesFirstAmongTheKnownScopes() {
		ServerMcpAnnotatedBeans annotated = new ServerMcpAnnotatedBeans();
		annotated.addMcpAnnotatedBean(new Protected(), Set.of(McpTool.class));
		ToolScopes scopes = new ToolScopes(annotated,
				new DefaultListableBeanFactory().getBeanProvider(McpSyncServer.class), "tenant:use");
		scopes.afterSingletonsInstantiated();

		assertThat(scopes.baseScope()).isEqualTo("tenant:use");
		assertThat(scopes.knownScopes()).containsExactly("tenant:use", "notes:read", "mcp:connect");
	}

	@Test
	void toolNameDefaultsToTheMethodName() {
		assertThat(toolScopes(new Unnamed()).asMap()).containsExactly(entry("lookup", "notes:read"));
	}

	@Test
	void toolWithoutRequiredScopeStopsTheApplication() {
		assertThatIllegalStateException().isThrownBy(() -> toolScopes(new Unprotected()))
			.withMessageContaining("must declare @RequiredScope");
	}

	@Test
	void malformedScopeStopsTheApplication() {
		assertThatIllegalStateException().isThrownBy(() -> toolScopes(new BadScope()))
			.withMessageContaining("not a valid scope token");
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

	static class Protected {

		@McpTool(name = "notes_read", description = "reads notes")
		@RequiredScope("notes:read")
		public String notes() {
			return "";
		}

		@McpTool(name = "ping_me", description = "base scope only")
		@RequiredScope("mcp:connect")
		public String ping() {
			return "";
		}

	}

	static class Unnamed {

		@McpTool(description = "no explicit name")
		@RequiredScope("notes:read")
		public String lookup() {
			return "";
		}

	}

	static class Unprotected {

		@McpTool(name = "open", description = "no scope declared")
		public String open() {
			return "";
		}

	}

	static class BadScope {

		@McpTool(name = "bad", description = "scope with a space")
		@RequiredScope("weather read")
		public String bad() {
			return "";
		}

	}

}
