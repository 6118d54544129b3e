package dev.mcpauth.authserver.cimd.fetch;

import java.nio.charset.StandardCharsets;

/** Raw HTTP/1.1 responses for the loopback document hosts of the application's fetch tests. */
final class HttpResponses {

	private HttpResponses() {
	}

	static String ok(String contentType, String cacheControl, String body) {
		return "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\n"
				+ ((cacheControl != null) ? "Cache-Control: " + cacheControl + "\r\n" : "") + "Content-Length: "
				+ body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
	}

	static String padded(int size) {
		return "{\"pad\":\"" + "x".repeat(size - 10) + "\"}";
	}

}
