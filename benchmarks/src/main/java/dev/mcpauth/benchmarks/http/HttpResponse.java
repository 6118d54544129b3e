package dev.mcpauth.benchmarks.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response as read off the wire.
 *
 * @param status the status code
 * @param headers header fields by lower-case name (repeated fields joined with {@code ", "})
 * @param body the body, de-chunked
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

	public HttpResponse {
		headers = Map.copyOf(headers);
	}

	/** The value of a header field, or {@code null}; {@code name} is matched case-insensitively. */
	public String header(String name) {
		return this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
	}

	public String text() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

}
