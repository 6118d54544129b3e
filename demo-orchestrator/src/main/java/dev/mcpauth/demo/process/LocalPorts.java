package dev.mcpauth.demo.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

/** Local TCP ports: is one free, pick a free one, wait until one is released. */
public final class LocalPorts {

	private LocalPorts() {
	}

	/**
	 * True when nothing listens on the port. Binding the wildcard address conflicts with a listener on any local
	 * address (including loopback only), which is what a server on that port would run into. The JDK's default
	 * address reuse is kept on purpose: on Linux it lets a port in TIME_WAIT count as free, as it is for a server;
	 * on Windows, turning it on would let the bind succeed on a port that is in use.
	 */
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A port the OS reports free now; another process may take it before it is used, which the caller detects. */
	public static int pickFree() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free local port", ex);
		}
	}

	/** Waits until the port is free again (a stopped server releases it asynchronously); false on timeout. */
	public static boolean awaitFree(int port, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!isFree(port)) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(50);
		}
		return true;
	}

}
