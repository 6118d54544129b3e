package dev.mcpauth.client;

import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import dev.mcpauth.client.config.McpClientProperties;

/**
 * Command-line MCP client: {@code java -jar mcp-client-exec.jar [options] <mcp-server-url>}. A non-web Spring Boot
 * application; the work happens in {@link ClientCommand} and the exit code is the command's.
 */
@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(McpClientProperties.class)
public class McpClientApplication {

	public static void main(String[] args) {
		// Framework logging stays off so that stdout is the trace alone; --verbose lets warnings through (to stderr).
		String level = Arrays.asList(args).contains("--verbose") ? "WARN" : "OFF";
		String[] withLogging = Stream.concat(Stream.of("--logging.level.root=" + level), Arrays.stream(args))
			.toArray(String[]::new);
		System.exit(SpringApplication.exit(SpringApplication.run(McpClientApplication.class, withLogging)));
	}

}
