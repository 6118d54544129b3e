package dev.mcpauth.oauth2.server.authorization.registration;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the RFC 7591 registration endpoint before the framework reads the request: {@code application/json} only,
 * a bounded body, and the strict types of {@link RegistrationRequestHygiene}. A request that passes continues with
 * its body replayed unchanged.
 *
 * <p>Status codes: a wrong media type is {@code 415 Unsupported Media Type} (RFC 9110 §15.5.16) with an
 * {@code Accept-Post} hint, an oversized body {@code 413 Content Too Large} (RFC 9110 §15.5.14); both carry an
 * RFC 7591 §3.2.2 JSON error body, so OAuth clients that read {@code error} still understand the refusal.
 * RFC 7591 §3.1 defines a registration request as an {@code application/json} POST; a request in another
 * media type or beyond the size limit is not a registration request with bad metadata (§3.2.2's 400), so the HTTP
 * status names the transport problem. Metadata problems are 400 as §3.2.2 says.
 */
public final class RegistrationRequestFilter extends OncePerRequestFilter {

	/** Default body limit: a real registration request is well under 2 KB. */
	public static final int DEFAULT_MAX_BYTES = 16384;

	/** The same {@code error_uri} as {@link PublicClientRegistrationValidator}'s errors. */
	static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7591#section-3.2.2";

	private final RequestMatcher endpoint;

	private final int maxBytes;

	private final RegistrationRequestHygiene hygiene = new RegistrationRequestHygiene();

	/**
	 * @param endpoint matches {@code POST} requests to the registration endpoint
	 * @param maxBytes largest accepted body
	 */
	public RegistrationRequestFilter(RequestMatcher endpoint, int maxBytes) {
		this.endpoint = endpoint;
		this.maxBytes = maxBytes;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !this.endpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!isJson(request.getContentType())) {
			response.setHeader("Accept-Post", MediaType.APPLICATION_JSON_VALUE);
			error(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, RegistrationRequestHygiene.Problem.CLIENT_METADATA,
					"Content-Type must be application/json");
			return;
		}
		byte[] body = (request.getContentLengthLong() > this.maxBytes) ? null
				: readAtMost(request.getInputStream(), this.maxBytes);
		if (body == null) {
			// the rest of the body is not read; close the connection rather than drain an arbitrary upload
			response.setHeader("Connection", "close");
			error(response, HttpStatus.PAYLOAD_TOO_LARGE, RegistrationRequestHygiene.Problem.CLIENT_METADATA,
					"The registration request is larger than " + this.maxBytes + " bytes");
			return;
		}
		try {
			this.hygiene.check(body);
		}
		catch (RegistrationRequestHygiene.Problem problem) {
			error(response, HttpStatus.BAD_REQUEST, problem.error(), problem.description());
			return;
		}
		chain.doFilter(new ReplayedBody(request, body), response);
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
					&& (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The body, or {@code null} if it is longer than {@code max} bytes. */
	private static byte[] readAtMost(InputStream in, int max) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
		byte[] buffer = new byte[8192];
		int total = 0;
		int read;
		while ((read = in.read(buffer)) != -1) {
			total += read;
			if (total > max) {
				return null;
			}
			out.write(buffer, 0, read);
		}
		return out.toByteArray();
	}

	static void error(HttpServletResponse response, HttpStatus status, String error, String description)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Pragma", "no-cache");
		// description texts are fixed and contain no character that needs JSON escaping
		response.getWriter()
			.write("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\",\"error_uri\":\""
					+ ERROR_URI + "\"}");
	}

	/** The request with its already-read body served again to the framework. */
	private static final class ReplayedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReplayedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
