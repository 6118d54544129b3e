package dev.mcpauth.authserver.web.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.mcpauth.authserver.support.FormBrowser;

/**
 * A cookie-keeping HTTP client for the pages that can send its requests from any loopback address (the JDK
 * client of Java 17 cannot choose its local address, and the per-address login limit needs a second one). Speaks
 * HTTP/1.0 with {@code Connection: close}, so responses are never chunked; follows no redirects.
 */
public final class PageClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final int port;

	private final InetAddress localAddress;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	public PageClient(int port, String localAddress) {
		this.port = port;
		try {
			this.localAddress = InetAddress.getByName(localAddress);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public PageClient(int port) {
		this(port, "127.0.0.1");
	}

	public record Response(int status, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

		public String location() {
			return header("Location");
		}

	}

	public Response get(String pathAndQuery) {
		return send("GET", pathAndQuery, null);
	}

	public Response post(String path, Map<String, String> form) {
		return send("POST", path, form(form));
	}

	/** GETs the login page and posts the form with its CSRF token. */
	public Response login(String username, String password) {
		Response page = get("/login");
		return post("/login", Map.of("username", username, "password", password, "_csrf", csrf(page.body())));
	}

	public static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		if (!matcher.find()) {
			throw new AssertionError("no CSRF token in page");
		}
		return matcher.group(1);
	}

	/** A location header as a path and query on this server. */
	public static String local(String location) {
		int scheme = location.indexOf("://");
		return (scheme < 0) ? location : location.substring(location.indexOf('/', scheme + 3));
	}

	public static String form(Map<String, String> fields) {
		return FormBrowser.form(fields);
	}

	private Response send(String method, String pathAndQuery, String body) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port, this.localAddress, 0)) {
			socket.setSoTimeout(30_000);
			StringBuilder request = new StringBuilder()
				.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.0\r\n")
				.append("Host: 127.0.0.1:").append(this.port).append("\r\n")
				.append("Accept: text/html\r\nConnection: close\r\n");
			if (!this.cookies.isEmpty()) {
				request.append("Cookie: ")
					.append(this.cookies.entrySet()
						.stream()
						.map((e) -> e.getKey() + "=" + e.getValue())
						.collect(Collectors.joining("; ")))
					.append("\r\n");
			}
			byte[] payload = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			if (body != null) {
				request.append("Content-Type: application/x-www-form-urlencoded\r\n")
					.append("Content-Length: ").append(payload.length).append("\r\n");
			}
			request.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(payload);
			out.flush();
			return parse(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Response parse(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		in.transferTo(all);
		String raw = all.toString(StandardCharsets.UTF_8);
		int end = raw.indexOf("\r\n\r\n");
		String[] lines = raw.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = lines[i].substring(colon + 1).trim();
			headers.computeIfAbsent(name, (n) -> new ArrayList<>()).add(value);
			if (name.equals("set-cookie")) {
				String pair = value.split(";", 2)[0];
				int eq = pair.indexOf('=');
				this.cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
			}
		}
		return new Response(status, headers, raw.substring(end + 4));
	}

}
