package dev.mcpauth.resourceserver.management;

import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.boot.web.server.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The management chain's matcher follows the servers' start events, also when a server starts again elsewhere. */
class ManagementPortTest {

	private final ManagementPort managementPort = new ManagementPort();

	@Test
	void matchesNothingBeforeBothServersStarted() {
		assertThat(this.managementPort.matches(onPort(8081))).isFalse();
		this.managementPort.onApplicationEvent(started(null, 8001));
		assertThat(this.managementPort.matches(onPort(8081))).isFalse();
	}

	@Test
	void matchesRequestsOnTheManagementPortOnly() {
		this.managementPort.onApplicationEvent(started(null, 8001));
		this.managementPort.onApplicationEvent(started(ManagementPort.NAMESPACE, 8081));

		assertThat(this.managementPort.matches(onPort(8081))).isTrue();
		assertThat(this.managementPort.matches(onPort(8001))).isFalse();
	}

	@Test
	void followsTheManagementServerWhenItStartsAgainOnAnotherPort() {
		this.managementPort.onApplicationEvent(started(null, 8001));
		this.managementPort.onApplicationEvent(started(ManagementPort.NAMESPACE, 40001));
		this.managementPort.onApplicationEvent(started(ManagementPort.NAMESPACE, 40002));

		assertThat(this.managementPort.matches(onPort(40002))).isTrue();
		assertThat(this.managementPort.matches(onPort(40001))).isFalse();
	}

	@Test
	void matchesNothingWhenActuatorSharesTheApplicationPort() {
		this.managementPort.onApplicationEvent(started(null, 8001));
		this.managementPort.onApplicationEvent(started(ManagementPort.NAMESPACE, 8001));

		assertThat(this.managementPort.matches(onPort(8001))).isFalse();
	}

	@Test
	void ignoresServersOfOtherNamespaces() {
		this.managementPort.onApplicationEvent(started(null, 8001));
		this.managementPort.onApplicationEvent(started(ManagementPort.NAMESPACE, 8081));
		this.managementPort.onApplicationEvent(started("other", 8081));

		assertThat(this.managementPort.matches(onPort(8081))).isTrue();
	}

	private static MockHttpServletRequest onPort(int port) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
		request.setLocalPort(port);
		return request;
	}

	private static WebServerInitializedEvent started(String namespace, int port) {
		ServletWebServerApplicationContext context = new ServletWebServerApplicationContext();
		context.setServerNamespace(namespace);
		return new ServletWebServerInitializedEvent(new FixedPortServer(port), context);
	}

	private record FixedPortServer(int port) implements WebServer {

		@Override
		public void start() throws WebServerException {
		}

		@Override
		public void stop() throws WebServerException {
		}

		@Override
		public int getPort() {
			return this.port;
		}

	}

}
