package dev.mcpauth.oauth2.server.resource.forgottenchain;

import java.util.concurrent.atomic.AtomicInteger;

import dev.mcpauth.oauth2.server.resource.RequiredScope;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Component;

/**
 * A common mistake: the application adds a chain of its own for something else (here everything is permitted, as
 * an operations chain might do) and so, as Spring Boot does, the default MCP chain backs off.
 */
@SpringBootApplication
public class ForgottenChainApplication {

	static final AtomicInteger calls = new AtomicInteger();

	@Bean
	SecurityFilterChain everythingOpen(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll()).csrf((csrf) -> csrf.disable());
		return http.build();
	}

	/** The one tool; it counts its calls so the test can prove none got through. */
	@Component
	static class EchoTool {

		@McpTool(name = "echo", description = "Echoes its input")
		@RequiredScope("mcp:connect")
		public String echo(String text) {
			calls.incrementAndGet();
			return text;
		}

	}

}
