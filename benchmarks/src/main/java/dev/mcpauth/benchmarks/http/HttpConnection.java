package dev.mcpauth.benchmarks.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One persistent HTTP/1.1 connection to a loopback server (RFC 9112): requests are written and answered one after
 * the other on the same socket. A load generator shares the machine's cores with the server it measures, so it
 * must cost as little as possible per request; a blocking socket per worker thread does, where a general client
 * adds selector threads and hand-offs. Bodies with {@code Content-Length} and {@code chunked} bodies are read; a
 * response that closes the connection makes the next request reconnect.
 */
public final class HttpConnection implements AutoCloseable {

	private final InetSocketAddress address;

	private final String hostHeader;

	private final int readTimeoutMillis;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	private int connects;

	/**
	 * @param port a port on 127.0.0.1 (never another host: benchmarks stay on loopback)
	 * @param hostHeader the {@code Host} header, e.g. {@code localhost:9000} (the servers' configured URLs use it)
	 * @param readTimeout how long one response may take before the request counts as failed
	 */
	public HttpConnection(int port, String hostHeader, Duration readTimeout) {
		this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
		this.hostHeader = hostHeader;
		this.readTimeoutMillis = (int) readTimeout.toMillis();
	}

	public static HttpConnection localhost(int port) {
		return new HttpConnection(port, "localhost:" + port, Duration.ofSeconds(30));
	}

	/** How many times a socket was opened: 1 when keep-alive held for the connection's whole life. */
	public int connects() {
		return this.connects;
	}

	public HttpResponse get(String target, Map<String, String> headers) throws IOException {
		return send("GET", target, headers, null);
	}

	public HttpResponse post(String target, Map<String, String> headers, byte[] body) throws IOException {
		return send("POST", target, headers, body);
	}

	/**
	 * Sends one request and reads its whole response; on an I/O error the socket is dropped before rethrowing. A
	 * kept-alive connection the server has meanwhile closed (idle timeout) fails before a single response byte; the
	 * request is then sent once more on a new connection, as HTTP clients do (RFC 9112 section 9.3.1).
	 */
	public HttpResponse send(String method, String target, Map<String, String> headers, byte[] body)
			throws IOException {
		boolean reused = this.socket != null;
		try {
			return exchange(method, target, headers, body);
		}
		catch (StaleConnectionException ex) {
			if (!reused) {
				throw ex;
			}
			return exchange(method, target, headers, body);
		}
	}

	private HttpResponse exchange(String method, String target, Map<String, String> headers, byte[] body)
			throws IOException {
		try {
			ensureOpen();
			writeRequest(method, target, headers, body);
			HttpResponse response = readResponse("HEAD".equals(method), true);
			if ("close".equalsIgnoreCase(response.header("connection"))
					|| "close".equalsIgnoreCase(headers.get("Connection"))) {
				close();
			}
			return response;
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Opens the socket now, so that the first timed request does not pay for the TCP handshake.
	 * @throws UncheckedIOException if nothing listens on the port
	 */
	public HttpConnection connect() {
		try {
			ensureOpen();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot connect to " + this.address, ex);
		}
	}

	private void ensureOpen() throws IOException {
		if (this.socket != null) {
			return;
		}
		Socket opened = new Socket();
		opened.setTcpNoDelay(true);
		opened.setSoTimeout(this.readTimeoutMillis);
		opened.connect(this.address, this.readTimeoutMillis);
		this.socket = opened;
		this.in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
		this.out = opened.getOutputStream();
		this.connects++;
	}

	private void writeRequest(String method, String target, Map<String, String> headers, byte[] body)
			throws IOException {
		StringBuilder head = new StringBuilder(256).append(method)
			.append(' ')
			.append(target)
			.append(" HTTP/1.1\r\nHost: ")
			.append(this.hostHeader)
			.append("\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		if (body != null) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
		if (body == null || body.length == 0) {
			this.out.write(headBytes);
		}
		else {
			// one write, so that Nagle and delayed ACKs never split a small request
			byte[] request = new byte[headBytes.length + body.length];
			System.arraycopy(headBytes, 0, request, 0, headBytes.length);
			System.arraycopy(body, 0, request, headBytes.length, body.length);
			this.out.write(request);
		}
		this.out.flush();
	}

	private HttpResponse readResponse(boolean head, boolean firstOfExchange) throws IOException {
		if (firstOfExchange) {
			this.in.mark(1);
			if (this.in.read() < 0) {
				throw new StaleConnectionException();
			}
			this.in.reset();
		}
		String statusLine = readLine();
		while (statusLine.isEmpty()) {
			statusLine = readLine();
		}
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
			throw new IOException("not an HTTP/1.x status line: " + statusLine);
		}
		int status = Integer.parseInt(parts[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = readLine(); !line.isEmpty(); line = readLine()) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
						(earlier, later) -> earlier + ", " + later);
			}
		}
		if (status >= 100 && status < 200) {
			return readResponse(head, false); // interim response: the final one follows
		}
		byte[] body;
		String transferEncoding = headers.get("transfer-encoding");
		String contentLength = headers.get("content-length");
		if (head || status == 204 || status == 304) {
			body = new byte[0];
		}
		else if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
			body = readChunked();
		}
		else if (contentLength != null) {
			body = this.in.readNBytes(Integer.parseInt(contentLength));
		}
		else {
			// RFC 9112 section 6.3: no length, the body ends with the connection
			body = this.in.readAllBytes();
			headers.put("connection", "close");
		}
		return new HttpResponse(status, headers, body);
	}

	/** RFC 9112 section 7.1: size line, data, CRLF, until the zero-size chunk and the (ignored) trailers. */
	private byte[] readChunked() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
		while (true) {
			String sizeLine = readLine();
			int extension = sizeLine.indexOf(';');
			int size = Integer.parseInt((extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim(), 16);
			if (size == 0) {
				for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
					// trailers carry nothing a benchmark needs
				}
				return body.toByteArray();
			}
			body.write(this.in.readNBytes(size));
			readLine();
		}
	}

	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder(64);
		while (true) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("the server closed the connection");
			}
			if (b == '\n') {
				int end = line.length();
				return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
			}
			line.append((char) b);
		}
	}

	/** The server closed the connection before answering: it was closed while idle, not by this request. */
	private static final class StaleConnectionException extends EOFException {

		StaleConnectionException() {
			super("the server closed the connection before answering");
		}

	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing a loopback socket that is already broken: nothing to do
			}
		}
		this.socket = null;
		this.in = null;
		this.out = null;
	}

}
