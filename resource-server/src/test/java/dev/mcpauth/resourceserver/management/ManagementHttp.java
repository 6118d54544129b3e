package dev.mcpauth.resourceserver.management;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** GET on the management port. */
final class ManagementHttp {

	private static final HttpClient http = HttpClient.newHttpClient();

	private ManagementHttp() {
	}

	static HttpResponse<String> get(int port, String path, String accept) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Accept", accept)
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
