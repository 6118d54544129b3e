package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;
import dev.mcpauth.oauth2.server.authorization.cimd.FetchedDocument;

/**
 * Reads the HTTP/1.1 response to a Client ID Metadata Document request (RFC 9112) and enforces the transport rules
 * of CIMD-01 §4 and CIMD-00 §6.6 while streaming:
 *
 * <ul>
 * <li>status {@code 200} only; a redirect is an error, never followed;</li>
 * <li>{@code Content-Type} {@code application/json} or {@code application/*+json};</li>
 * <li>no {@code Content-Encoding}: we ask for {@code identity}, so a compressed body (a gzip bomb) is refused
 * before one byte is inflated, and the size cap is the decompressed size;</li>
 * <li>the body is capped at {@code maxBytes}: a larger {@code Content-Length} is refused without reading, a chunked
 * or close-delimited body is cut one byte past the cap;</li>
 * <li>bounded status line and header section, no obsolete line folding (RFC 9112 §5.2), no conflicting framing
 * (both {@code Transfer-Encoding} and {@code Content-Length}, RFC 9112 §6.3).</li>
 * </ul>
 *
 * <p>Pure over an {@link InputStream} so it can be fuzzed; deadlines belong to the socket underneath.
 */
final class DocumentResponseReader {

	private static final int MAX_LINE = 8192;

	private static final int MAX_HEADER_FIELDS = 100;

	private static final long MAX_DELTA_SECONDS = 2147483648L;

	private final int maxBytes;

	DocumentResponseReader(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * @throws ClientIdMetadataDocumentException if the response breaks a rule (the reason is safe to show)
	 * @throws IOException if the connection fails or times out
	 */
	FetchedDocument read(InputStream in) throws IOException {
		int status = statusCode(readLine(in));
		Map<String, List<String>> headers = readHeaders(in);
		if (status == 500 || status == 502 || status == 503 || status == 504) {
			throw new TransientFetchException(
					"the client metadata document could not be fetched (HTTP " + status + ")", true);
		}
		if (status != 200) {
			throw refused((status >= 300 && status < 400)
					? "the client metadata document URL redirects (HTTP " + status + "); redirects are not followed"
					: "the client metadata document could not be fetched (HTTP " + status + ")");
		}
		String contentEncoding = single(headers, "content-encoding");
		if (contentEncoding != null && !contentEncoding.trim().equalsIgnoreCase("identity")) {
			throw refused("the client metadata document must not be compressed");
		}
		if (!isJson(single(headers, "content-type"))) {
			throw refused("the client metadata document is not served as application/json");
		}
		byte[] body = readBody(in, headers);
		return new FetchedDocument(body, maxAge(headers.get("cache-control")));
	}

	private byte[] readBody(InputStream in, Map<String, List<String>> headers) throws IOException {
		String transferEncoding = single(headers, "transfer-encoding");
		String contentLength = single(headers, "content-length");
		if (transferEncoding != null) {
			if (contentLength != null) {
				throw refused("the response has conflicting message framing");
			}
			if (!transferEncoding.trim().equalsIgnoreCase("chunked")) {
				throw refused("the response uses an unsupported transfer coding");
			}
			return readChunked(in);
		}
		if (contentLength != null) {
			long length = parseLength(contentLength);
			if (length > this.maxBytes) {
				throw tooLarge();
			}
			byte[] body = in.readNBytes((int) length);
			if (body.length < length) {
				throw refused("the client metadata document response ended early");
			}
			return body;
		}
		// Close-delimited (RFC 9112 §6.3 item 8): read one byte past the cap to detect excess.
		byte[] body = in.readNBytes(this.maxBytes + 1);
		if (body.length > this.maxBytes) {
			throw tooLarge();
		}
		return body;
	}

	private byte[] readChunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String sizeLine = readLine(in);
			int semicolon = sizeLine.indexOf(';');
			String hex = ((semicolon < 0) ? sizeLine : sizeLine.substring(0, semicolon)).trim();
			if (hex.isEmpty() || hex.length() > 8 || !hex.matches("[0-9a-fA-F]+")) {
				throw refused("the response has malformed chunked framing");
			}
			long size = Long.parseLong(hex, 16);
			if (size == 0) {
				readHeaders(in); // trailer section, bounded like the header section and ignored
				return body.toByteArray();
			}
			if (body.size() + size > this.maxBytes) {
				throw tooLarge();
			}
			byte[] chunk = in.readNBytes((int) size);
			if (chunk.length < size) {
				throw refused("the client metadata document response ended early");
			}
			body.write(chunk);
			if (!readLine(in).isEmpty()) {
				throw refused("the response has malformed chunked framing");
			}
		}
	}

	private static int statusCode(String statusLine) {
		// status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4)
		if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.charAt(8) != ' '
				|| (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
			throw refused("the client_id host did not answer with HTTP/1.1");
		}
		String code = statusLine.substring(9, 12);
		if (!code.matches("[1-5][0-9][0-9]")) {
			throw refused("the client_id host did not answer with HTTP/1.1");
		}
		return Integer.parseInt(code);
	}

	private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		int fields = 0;
		for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
			if (++fields > MAX_HEADER_FIELDS) {
				throw refused("the response has too many header fields");
			}
			int colon = line.indexOf(':');
			if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t'
					|| !line.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
				throw refused("the response has a malformed header field");
			}
			String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
			headers.computeIfAbsent(name, (n) -> new ArrayList<>()).add(line.substring(colon + 1).trim());
		}
		return headers;
	}

	/** A line up to CRLF (or a bare LF, RFC 9112 §2.2), at most {@value #MAX_LINE} bytes, as ISO-8859-1. */
	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		while (true) {
			int b = in.read();
			if (b < 0) {
				throw refused("the client metadata document response ended early");
			}
			if (b == '\n') {
				byte[] bytes = line.toByteArray();
				int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
			}
			if (line.size() >= MAX_LINE) {
				throw refused("the response has an overlong header line");
			}
			line.write(b);
		}
	}

	private static String single(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		if (values == null) {
			return null;
		}
		if (values.size() > 1 && values.stream().distinct().count() > 1) {
			throw refused("the response repeats the " + name + " header field");
		}
		return values.get(0);
	}

	private long parseLength(String value) {
		String trimmed = value.trim();
		if (trimmed.isEmpty() || trimmed.length() > 18 || !trimmed.matches("[0-9]+")) {
			throw refused("the response has an invalid Content-Length");
		}
		return Long.parseLong(trimmed);
	}

	/** {@code application/json} or {@code application/<subtype>+json} (RFC 6839 §3.1), parameters ignored. */
	static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		return mediaType.equals("application/json")
				|| (mediaType.startsWith("application/") && mediaType.endsWith("+json") && mediaType.length() > 17);
	}

	/**
	 * The freshness lifetime the publisher allows (RFC 9111 §5.2.2): {@link Duration#ZERO} for {@code no-store},
	 * {@code no-cache} (we never revalidate) or an invalid or repeated {@code max-age} (§4.2.1 treats it as
	 * stale), {@code null} if nothing is said.
	 */
	static Duration maxAge(List<String> cacheControl) {
		if (cacheControl == null) {
			return null;
		}
		Duration maxAge = null;
		for (String directive : String.join(",", cacheControl).split(",")) {
			String d = directive.trim().toLowerCase(Locale.ROOT);
			if (d.equals("no-store") || d.equals("no-cache") || d.startsWith("no-cache=")) {
				return Duration.ZERO;
			}
			if (d.startsWith("max-age=")) {
				String value = d.substring("max-age=".length());
				if (maxAge != null || !value.matches("[0-9]+")) {
					return Duration.ZERO;
				}
				// RFC 9111 §1.2.2: a delta-seconds too large to represent means 2^31
				long seconds = (value.length() > 10) ? MAX_DELTA_SECONDS : Long.parseLong(value);
				maxAge = Duration.ofSeconds(Math.min(seconds, MAX_DELTA_SECONDS));
			}
		}
		return maxAge;
	}

	private ClientIdMetadataDocumentException tooLarge() {
		return refused("the client metadata document exceeds " + this.maxBytes + " bytes");
	}

	private static ClientIdMetadataDocumentException refused(String reason) {
		return new ClientIdMetadataDocumentException(reason);
	}

}
