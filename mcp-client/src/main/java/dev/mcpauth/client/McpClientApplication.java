package dev.mcpauth.client;

import java.util.Arrays;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

import dev.mcpauth.client.config.ClientTls;
import dev.mcpauth.client.config.McpClientProperties;
import dev.mcpauth.client.config.McpClientTlsProperties;
import dev.mcpauth.oauth2.client.autoconfigure.McpOAuthClientAutoConfiguration;

/**
 * Command-line MCP client: {@code java -jar mcp-client-exec.jar [options] <mcp-server-url>}. A non-web Spring Boot
 * application; the work happens in {@link ClientCommand} and the exit code is the command's. The command line builds
 * its {@code McpOAuthClient} from its own {@code mcp-client.*} settings, so the library's {@code mcp.client.*}
 * auto-configuration stays out.
 */
@SpringBootApplication(proxyBeanMethods = false, exclude = McpOAuthClientAutoConfiguration.class)
@EnableConfigurationProperties({ McpClientProperties.class, McpClientTlsProperties.class })
public class McpClientApplication {

	/** The SSL bundles named by {@code mcp-client.ssl-bundle} and {@code mcp-client.cimd.ssl-bundle}, if any. */
	@Bean
	ClientTls clientTls(McpClientTlsProperties tls, ObjectProvider<SslBundles> sslBundles) {
		return new ClientTls(context(tls.sslBundle(), "mcp-client.ssl-bundle", sslBundles),
				context(tls.cimd().sslBundle(), "mcp-client.cimd.ssl-bundle", sslBundles));
	}

	private static SSLContext context(String bundle, String key, ObjectProvider<SslBundles> sslBundles) {
		if (bundle == null || bundle.isBlank()) {
			return null;
		}
		SslBundles bundles = sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new IllegalStateException(key + " is set but no SSL bundles are configured (spring.ssl.bundle.*)");
		}
		return bundles.getBundle(bundle).createSslContext();
	}

	public static void main(String[] args) {
		// Framework logging stays off so that stdout is the trace alone; --verbose lets warnings through (to stderr).
		String level = Arrays.asList(args).contains("--verbose") ? "WARN" : "OFF";
		String[] withLogging = Stream.concat(Stream.of("--logging.level.root=" + level), Arrays.stream(args))
			.toArray(String[]::new);
		int exitCode;
		try {
			exitCode = SpringApplication.exit(SpringApplication.run(McpClientApplication.class, withLogging));
		}
		catch (RuntimeException ex) {
			// With logging off, Spring's startup failure report is silent: say what is wrong in one line.
			System.err.println("mcp-client: cannot start: " + startupProblem(ex));
			exitCode = 2;
		}
		System.exit(exitCode);
	}

	static String startupProblem(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof BindException bind) {
				Throwable cause = bind.getCause() != null ? bind.getCause() : bind;
				return "invalid value for " + bind.getProperty().getName() + " (" + firstLine(cause.getMessage()) + ")";
			}
		}
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return firstLine(root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName());
	}

	private static String firstLine(String message) {
		return message == null ? "" : message.lines().findFirst().orElse("");
	}

}
