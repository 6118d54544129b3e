package dev.mcpauth.oauth2.server.authorization.cimd;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * A plain fetcher on the JDK {@link HttpClient}: {@code GET} with {@code Accept: application/json}, no redirects
 * (CIMD-01 §4), connect and request timeouts, only {@code 200} with a JSON content type, and a body cap that stops
 * reading once exceeded (CIMD-00 §6.6). No cookies or credentials are sent.
 *
 * <p>It does not resolve and pin addresses against special-use ranges (CIMD-01 §6.5); a hardened fetcher
 * replaces this bean where that matters.
 */
public final class BasicClientIdMetadataDocumentFetcher implements ClientIdMetadataDocumentFetcher {

	private final HttpClient httpClient;

	private final Duration readTimeout;

	private final int maxDocumentBytes;

	public BasicClientIdMetadataDocumentFetcher(Duration connectTimeout, Duration readTimeout, int maxDocumentBytes) {
		this.httpClient = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.readTimeout = readTimeout;
		this.maxDocumentBytes = maxDocumentBytes;
	}

	@Override
	public FetchedDocument fetch(String clientId) {
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(clientId))
				.GET()
				.timeout(this.readTimeout)
				.header("Accept", "application/json")
				.build();
		}
		catch (IllegalArgumentException ex) {
			throw new ClientIdMetadataDocumentException("client_id is not a fetchable URL");
		}
		try {
			HttpResponse<InputStream> response = this.httpClient.send(request,
					HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				if (response.statusCode() != 200) {
					throw new ClientIdMetadataDocumentException(
							"the client metadata document could not be fetched (HTTP " + response.statusCode() + ")");
				}
				String contentType = response.headers().firstValue("Content-Type").orElse("");
				if (!isJson(contentType)) {
					throw new ClientIdMetadataDocumentException(
							"the client metadata document is not served as application/json");
				}
				byte[] bytes = body.readNBytes(this.maxDocumentBytes + 1);
				if (bytes.length > this.maxDocumentBytes) {
					throw new ClientIdMetadataDocumentException(
							"the client metadata document exceeds " + this.maxDocumentBytes + " bytes");
				}
				return new FetchedDocument(bytes,
						CacheControl.maxAge(response.headers().firstValue("Cache-Control").orElse(null)));
			}
		}
		catch (HttpTimeoutException ex) {
			throw new ClientIdMetadataDocumentException("fetching the client metadata document timed out", ex);
		}
		catch (IOException ex) {
			throw new ClientIdMetadataDocumentException("the client metadata document could not be fetched", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClientIdMetadataDocumentException("fetching the client metadata document was interrupted", ex);
		}
	}

	/** {@code application/json} or {@code application/<something>+json} (CIMD-00 §4.1), parameters ignored. */
	static boolean isJson(String contentType) {
		String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		return mediaType.equals("application/json")
				|| (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
	}

}
