package dev.mcpauth.demo.process;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPortsTest {

	@Test
	void portWithAListenerOnLoopbackOnlyIsBusy() throws Exception {
		try (ServerSocket listener = new ServerSocket()) {
			listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

			assertThat(LocalPorts.isFree(listener.getLocalPort())).isFalse();
		}
	}

	@Test
	void portIsFreeAgainOnceItsListenerCloses() throws Exception {
		int port;
		try (ServerSocket listener = new ServerSocket(0)) {
			port = listener.getLocalPort();
			assertThat(LocalPorts.isFree(port)).isFalse();
		}

		assertThat(LocalPorts.awaitFree(port, Duration.ofSeconds(5))).isTrue();
	}

	@Test
	void picksAPortThatIsFree() {
		int port = LocalPorts.pickFree();

		assertThat(port).isBetween(1, 65535);
		assertThat(LocalPorts.isFree(port)).isTrue();
	}

}
