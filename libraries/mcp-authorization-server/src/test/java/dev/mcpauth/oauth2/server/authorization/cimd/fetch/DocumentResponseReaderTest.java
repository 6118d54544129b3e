package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;
import dev.mcpauth.oauth2.server.authorization.cimd.FetchedDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Response framing and header rules of the minimal HTTP/1.1 reader (RFC 9112, RFC 9111 §5.2), without sockets.
 */
class DocumentResponseReaderTest {

	private final DocumentResponseReader reader = new DocumentResponseReader(5120);

	@Test
	void readsCloseDelimitedBody() throws IOException {
		FetchedDocument document = read("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}");

		assertThat(document.body()).isEqualTo("{}".getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void acceptsBareLineFeeds() throws IOException {
		assertThat(read("HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 2\n\n{}").body()).hasSize(2);
	}

	@Test
	void ignoresChunkExtensionsAndTrailers() throws IOException {
		FetchedDocument document = read("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n2;ext=1\r\n{}\r\n0\r\nX-Trailer: 1\r\n\r\n");

		assertThat(new String(document.body(), StandardCharsets.US_ASCII)).isEqualTo("{}");
	}

	@Test
	void stopsReadingAtTheCapForCloseDelimitedBodies() throws IOException {
		CountingStream in = new CountingStream(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"
				+ " ".repeat(1_000_000)).getBytes(StandardCharsets.US_ASCII));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class).isThrownBy(() -> this.reader.read(in))
			.withMessage("the client metadata document exceeds 5120 bytes");
		assertThat(in.consumed).isLessThan(10_000);
	}

	@Test
	void refusesLargeContentLengthWithoutReadingTheBody() {
		CountingStream in = new CountingStream(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 6144\r\n\r\n" + " ".repeat(6144)).getBytes(StandardCharsets.US_ASCII));

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class).isThrownBy(() -> this.reader.read(in));
		assertThat(in.consumed).isLessThan(200);
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = '|', textBlock = """
			HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nContent-Length: 2\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n{} | the response has conflicting message framing
			HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n        | the response uses an unsupported transfer coding
			HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nContent-Length: 2\\r\\nContent-Length: 3\\r\\n\\r\\n{} | the response repeats the content-length header field
			HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nContent-Length: -1\\r\\n\\r\\n{}                   | the response has an invalid Content-Length
			HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nContent-Length: 10\\r\\n\\r\\n{}                   | the client metadata document response ended early
			HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\n X-Folded: 1\\r\\n\\r\\n{}                          | the response has a malformed header field
			HTTP/1.1 200 OK\\r\\nContent-Type : application/json\\r\\n\\r\\n{}                                        | the response has a malformed header field
			HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n       | the response has malformed chunked framing
			HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nffffffffff\\r\\n | the response has malformed chunked framing
			HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2\\r\\n{}XX\\r\\n | the response has malformed chunked framing
			HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nContent-Encoding: br\\r\\n\\r\\n{}                    | the client metadata document must not be compressed
			HTTP/2 200\\r\\n\\r\\n                                                                                      | the client_id host did not answer with HTTP/1.1
			SSH-2.0-OpenSSH_9.6\\r\\n                                                                                   | the client_id host did not answer with HTTP/1.1
			HTTP/1.1 2000 OK\\r\\n\\r\\n                                                                                | the client_id host did not answer with HTTP/1.1
			HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\n                                                    | the client metadata document response ended early
			HTTP/1.1 301 Moved\\r\\nLocation: https://10.0.0.1/\\r\\n\\r\\n                                              | the client metadata document URL redirects (HTTP 301); redirects are not followed
			""")
	void refusesMalformedOrHostileResponse(String escaped, String reason) {
		String raw = escaped.replace("\\r", "\r").replace("\\n", "\n");

		assertThatExceptionOfType(ClientIdMetadataDocumentException.class).isThrownBy(() -> read(raw))
			.withMessage(reason);
	}

	@Test
	void refusesOverlongHeaderLineAndTooManyFields() {
		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> read("HTTP/1.1 200 OK\r\nX: " + "a".repeat(9000) + "\r\n\r\n"))
			.withMessage("the response has an overlong header line");
		assertThatExceptionOfType(ClientIdMetadataDocumentException.class)
			.isThrownBy(() -> read("HTTP/1.1 200 OK\r\n" + "X: 1\r\n".repeat(101) + "\r\n"))
			.withMessage("the response has too many header fields");
	}

	@ParameterizedTest(name = "Cache-Control: {0} -> {1}")
	@CsvSource(delimiter = '|', nullValues = "null", textBlock = """
			max-age=300                   | PT5M
			public, max-age=86400         | PT24H
			MAX-AGE=60                    | PT1M
			max-age=0                     | PT0S
			no-store                      | PT0S
			no-cache                      | PT0S
			max-age=600, no-cache         | PT0S
			no-cache="set-cookie"         | PT0S
			max-age=abc                   | PT0S
			max-age=-5                    | PT0S
			max-age="60"                  | PT0S
			max-age=60, max-age=120       | PT0S
			max-age=99999999999999999999  | PT596523H14M8S
			public                        | null
			s-maxage=60                   | null
			""")
	void derivesLifetimeFromCacheControl(String header, String expected) {
		Duration lifetime = DocumentResponseReader.maxAge(List.of(header));

		assertThat(lifetime).isEqualTo((expected != null) ? Duration.parse(expected) : null);
	}

	@Test
	void combinesRepeatedCacheControlFields() {
		assertThat(DocumentResponseReader.maxAge(List.of("public", "max-age=120"))).isEqualTo(Duration.ofMinutes(2));
		assertThat(DocumentResponseReader.maxAge(null)).isNull();
	}

	private FetchedDocument read(String raw) throws IOException {
		return this.reader.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
	}

	private static final class CountingStream extends InputStream {

		private final byte[] data;

		private int consumed;

		CountingStream(byte[] data) {
			this.data = data;
		}

		@Override
		public int read() {
			return (this.consumed < this.data.length) ? this.data[this.consumed++] & 0xFF : -1;
		}

	}

}
