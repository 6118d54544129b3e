package dev.mcpauth.authserver.demo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code demo} profile: a fixed user and automatic consent, so headless clients receive the redirect with the
 * code straight from {@code GET /oauth2/authorize}. {@code application-demo.yml} also allows http and loopback
 * CIMD URLs. Never enable this profile on a reachable server.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoConfig {

	@Bean
	DemoMode demoMode() {
		return new DemoMode();
	}

	/**
	 * Present only in the demo profile. The authorization server chain then installs
	 * {@link DemoUserAuthenticationFilter} and treats consent as given for every requested scope. (The filter is
	 * deliberately not a bean, which would register it for every request of the servlet container.)
	 */
	public static final class DemoMode {

		public DemoUserAuthenticationFilter userFilter(String authorizationEndpoint) {
			return new DemoUserAuthenticationFilter(authorizationEndpoint);
		}

	}

}
