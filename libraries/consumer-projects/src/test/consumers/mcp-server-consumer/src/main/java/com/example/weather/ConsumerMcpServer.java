package com.example.weather;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring AI MCP server with one tool. It has no security code: the starter protects {@code /mcp} as an OAuth 2.1
 * resource server from the properties alone.
 */
@SpringBootApplication
public class ConsumerMcpServer {

	public static void main(String[] args) {
		SpringApplication.run(ConsumerMcpServer.class, args);
	}

}
