package dev.mcpauth.oauth2.server.resource.consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A plain Spring AI MCP server, written as a user of the starter writes one: no security code at all, one tool with
 * its {@code @RequiredScope}, and a few properties ({@code NotesServerTest}).
 */
@SpringBootApplication
public class NotesServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(NotesServerApplication.class, args);
	}

}
