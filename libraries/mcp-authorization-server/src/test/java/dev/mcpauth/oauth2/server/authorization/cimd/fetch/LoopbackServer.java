package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP server on 127.0.0.1 with a random port that counts accepted connections and records request heads,
 * so tests can prove that a refused fetch never connected, and serve hostile responses byte by byte.
 */
public final class LoopbackServer implements AutoCloseable {

	@FunctionalInterface
	public interface Responder {

		void respond(OutputStream out) throws IOException, InterruptedException;

	}

	private final ServerSocket serverSocket;

	private final Responder responder;

	private final AtomicInteger accepts = new AtomicInteger();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final Thread acceptor;

	public LoopbackServer(Responder responder) throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		this.responder = responder;
		this.acceptor = new Thread(this::acceptLoop, "loopback-server");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/** A server answering every request with {@code response} as raw bytes. */
	public static LoopbackServer answering(String response) throws IOException {
		return new LoopbackServer((out) -> out.write(response.getBytes(StandardCharsets.ISO_8859_1)));
	}

	public int port() {
		return this.serverSocket.getLocalPort();
	}

	public int accepts() {
		return this.accepts.get();
	}

	public List<String> requests() {
		return this.requests;
	}

	private void acceptLoop() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.accepts.incrementAndGet();
				Thread handler = new Thread(() -> handle(socket), "loopback-handler");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void handle(Socket socket) {
		try (socket) {
			this.requests.add(readHead(socket.getInputStream()));
			OutputStream out = socket.getOutputStream();
			this.responder.respond(out);
			out.flush();
		}
		catch (IOException | InterruptedException ex) {
			// the client hung up, which is what several tests provoke
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
	}

}
