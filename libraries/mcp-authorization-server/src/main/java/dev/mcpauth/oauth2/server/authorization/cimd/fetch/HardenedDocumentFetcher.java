package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentFetcher;
import dev.mcpauth.oauth2.server.authorization.cimd.FetchedDocument;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Fetches Client ID Metadata Documents as an HTTP client that an attacker cannot steer (CIMD-01 §4 and §6.5,
 * CIMD-00 §6.6, checklist AS-22..AS-25 and §3.6).
 *
 * <ol>
 * <li>The URL passes {@link CimdUrlPolicy} (syntax, https, host lists).</li>
 * <li>The host is resolved once. If any address is special-use (RFC 6890, {@link SpecialUseAddresses}) and not
 * permitted by the {@link DevelopmentAllowlist}, nothing is connected to.</li>
 * <li>The socket connects to a checked address itself, so no second DNS lookup can rebind the name to an internal
 * address. TLS runs over that socket with SNI and certificate hostname verification against the URL's host.</li>
 * <li>A minimal HTTP/1.1 {@code GET} is written by hand with no cookies, credentials or forwarded headers, and the
 * response is read by {@link DocumentResponseReader}: 200 only, no redirects, JSON only, no compression, size cap
 * while streaming.</li>
 * <li>A watchdog closes the socket at the total deadline, which cuts off a server that trickles bytes as well as a
 * stalled TLS handshake.</li>
 * </ol>
 *
 * <p>Why not {@code java.net.http.HttpClient}: it resolves the host itself (a second lookup, open to rebinding), and
 * pinning it to an address would mean connecting to an IP URL with a restricted {@code Host} header, which breaks
 * SNI and hostname verification. A raw socket keeps one resolution and full TLS checks with a hundred lines of
 * HTTP/1.1. Every failure is a {@link ClientIdMetadataDocumentException} with a short reason, logged once with the
 * client id's host.
 */
public final class HardenedDocumentFetcher implements ClientIdMetadataDocumentFetcher, AutoCloseable {

	private static final Log logger = LogFactory.getLog(HardenedDocumentFetcher.class);

	private final CimdUrlPolicy urlPolicy;

	private final AddressResolver resolver;

	private final DevelopmentAllowlist allowlist;

	private final FetchLimits limits;

	private final SSLSocketFactory tls;

	private final ScheduledThreadPoolExecutor watchdog;

	/**
	 * @param urlPolicy syntactic URL rules and host lists
	 * @param resolver asked once per fetch
	 * @param allowlist special-use blocks a development setup may reach (empty in production)
	 * @param limits timeouts and size cap
	 * @param tls socket factory for https: the one of the SSL bundle named by {@code mcp.authorization-server.cimd.ssl-bundle},
	 * else {@code SSLContext.getDefault().getSocketFactory()}; SNI and hostname verification are set here, per socket
	 */
	public HardenedDocumentFetcher(CimdUrlPolicy urlPolicy, AddressResolver resolver, DevelopmentAllowlist allowlist,
			FetchLimits limits, SSLSocketFactory tls) {
		this.urlPolicy = urlPolicy;
		this.resolver = resolver;
		this.allowlist = allowlist;
		this.limits = limits;
		this.tls = tls;
		this.watchdog = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "cimd-fetch-deadline");
			thread.setDaemon(true);
			return thread;
		});
		this.watchdog.setRemoveOnCancelPolicy(true);
	}

	@Override
	public FetchedDocument fetch(String clientId) {
		try {
			CimdUrl url = this.urlPolicy.check(clientId);
			return download(url, checkedAddresses(url));
		}
		catch (ClientIdMetadataDocumentException ex) {
			// SEP-991: log failures. One line, the host only: the path, body and addresses stay out of logs.
			logger.warn("CIMD fetch refused: host=" + CimdUrlPolicy.hostForLog(clientId) + " reason="
					+ ex.getMessage());
			throw ex;
		}
	}

	private List<InetAddress> checkedAddresses(CimdUrl url) {
		List<InetAddress> addresses;
		try {
			addresses = url.hostIsIpLiteral() ? List.of(InetAddress.getByName(url.host()))
					: this.resolver.resolve(url.host());
		}
		catch (UnknownHostException | SecurityException ex) {
			throw refused("the client_id host does not resolve");
		}
		if (addresses == null || addresses.isEmpty()) {
			throw refused("the client_id host does not resolve");
		}
		// Every address is checked, not only the one we would pick: a name that resolves to a public and a
		// private address is an attack on whichever address a retry would use.
		for (InetAddress address : addresses) {
			boolean permitted = this.allowlist.permits(address);
			Optional<SpecialUse> use = SpecialUseAddresses.classify(address);
			if (use.isPresent() && !permitted) {
				throw refused("the client_id host resolves to a special-use address (" + use.get().name() + ")");
			}
			if (!url.https() && !permitted) {
				throw refused("client_id URL must use https");
			}
		}
		return addresses;
	}

	private FetchedDocument download(CimdUrl url, List<InetAddress> addresses) {
		long deadline = System.nanoTime() + this.limits.totalTimeout().toNanos();
		for (InetAddress address : addresses) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				break;
			}
			// NO_PROXY: a JVM-wide SOCKS proxy setting must not move the connection away from the checked address.
			Socket socket = new Socket(Proxy.NO_PROXY);
			ScheduledFuture<?> cutOff = this.watchdog.schedule(() -> closeQuietly(socket), remaining,
					TimeUnit.NANOSECONDS);
			try {
				try {
					long connectMillis = Math.min(this.limits.connectTimeout().toMillis(),
							TimeUnit.NANOSECONDS.toMillis(remaining));
					socket.connect(new InetSocketAddress(address, url.port()), (int) Math.max(1, connectMillis));
				}
				catch (IOException ex) {
					continue; // try the next checked address, if any, within the total deadline
				}
				return exchange(socket, url, deadline);
			}
			catch (IOException ex) {
				if (System.nanoTime() - deadline >= 0) {
					throw timedOut();
				}
				if (ex instanceof SSLException) {
					throw refused("the TLS handshake with the client_id host failed");
				}
				throw new TransientFetchException("the client metadata document could not be fetched", false);
			}
			finally {
				cutOff.cancel(false);
				closeQuietly(socket);
			}
		}
		if (System.nanoTime() - deadline >= 0) {
			throw timedOut();
		}
		throw new TransientFetchException("could not connect to the client_id host", false);
	}

	private FetchedDocument exchange(Socket socket, CimdUrl url, long deadline) throws IOException {
		// Backstop for a single blocked read; the watchdog enforces the total deadline.
		socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
		Socket channel = url.https() ? handshake(socket, url) : socket;
		OutputStream out = channel.getOutputStream();
		out.write(request(url));
		out.flush();
		InputStream in = new BufferedInputStream(channel.getInputStream(), 2048);
		return new DocumentResponseReader(this.limits.maxBytes()).read(in);
	}

	private SSLSocket handshake(Socket socket, CimdUrl url) throws IOException {
		SSLSocket ssl = (SSLSocket) this.tls.createSocket(socket, url.host(), url.port(), true);
		SSLParameters parameters = ssl.getSSLParameters();
		// RFC 9110 §4.3.4 / RFC 6125: the certificate must match the URL's host, not the address we connected to.
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		if (!url.hostIsIpLiteral()) {
			try {
				parameters.setServerNames(List.of(new SNIHostName(url.host())));
			}
			catch (IllegalArgumentException ex) {
				throw refused("the client_id host is not a valid TLS server name");
			}
		}
		ssl.setSSLParameters(parameters);
		ssl.startHandshake();
		return ssl;
	}

	/** GET with nothing but what the fetch needs: no cookies, credentials or forwarded inbound headers. */
	private static byte[] request(CimdUrl url) {
		String request = "GET " + url.requestTarget() + " HTTP/1.1\r\n" + "Host: " + url.hostHeader() + "\r\n"
				+ "Accept: application/json\r\n"
				// identity only: without Accept-Encoding any coding would be acceptable (RFC 9110 §12.5.3)
				+ "Accept-Encoding: identity\r\n" + "User-Agent: mcp-auth-server-cimd-fetcher\r\n"
				+ "Connection: close\r\n\r\n";
		return request.getBytes(StandardCharsets.US_ASCII);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing is best effort; the fetch already failed or completed
		}
	}

	private ClientIdMetadataDocumentException timedOut() {
		return new TransientFetchException("fetching the client metadata document took longer than "
				+ this.limits.totalTimeout().toMillis() + " ms", false);
	}

	private static ClientIdMetadataDocumentException refused(String reason) {
		return new ClientIdMetadataDocumentException(reason);
	}

	@Override
	public void close() {
		this.watchdog.shutdownNow();
	}

}
