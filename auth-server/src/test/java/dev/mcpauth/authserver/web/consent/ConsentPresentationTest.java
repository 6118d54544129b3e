package dev.mcpauth.authserver.web.consent;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the consent page says about hosts (checklist AS-26, AS-28). */
class ConsentPresentationTest {

	@Test
	void loopbackRedirectsAreRecognisedWithoutDns() {
		assertThat(RedirectPresentation.parse("http://127.0.0.1:50007/callback").loopback()).isTrue();
		assertThat(RedirectPresentation.parse("http://127.12.0.9/cb").loopback()).isTrue();
		assertThat(RedirectPresentation.parse("http://localhost:3000/cb").loopback()).isTrue();
		assertThat(RedirectPresentation.parse("http://app.localhost/cb").loopback()).isTrue();
		assertThat(RedirectPresentation.parse("http://[::1]:8080/cb").loopback()).isTrue();
		assertThat(RedirectPresentation.parse("https://app.example/cb").loopback()).isFalse();
		assertThat(RedirectPresentation.parse("https://127.0.0.1.evil.example/cb").loopback()).isFalse();
		assertThat(RedirectPresentation.parse("https://localhost.evil.example/cb").loopback()).isFalse();
	}

	@Test
	void formTargetIsTheRedirectOrigin() {
		RedirectPresentation redirect = RedirectPresentation.parse("https://app.example:8443/oauth/callback?x=1");
		assertThat(redirect.host()).isEqualTo("app.example");
		assertThat(redirect.origin()).isEqualTo("https://app.example:8443");
		assertThat(RedirectPresentation.parse("https://app.example/cb").origin()).isEqualTo("https://app.example");
	}

	@Test
	void redirectWithoutHostIsNotPresented() {
		assertThat(RedirectPresentation.parse(null)).isNull();
		assertThat(RedirectPresentation.parse("/relative")).isNull();
		assertThat(RedirectPresentation.parse("not a uri")).isNull();
	}

	@Test
	void trustedHostsMatchExactlyOrBelowAWildcard() {
		TrustedClientHosts trusted = new TrustedClientHosts(List.of("claude.ai", "*.Example.COM"));
		assertThat(trusted.isTrusted("claude.ai")).isTrue();
		assertThat(trusted.isTrusted("CLAUDE.AI")).isTrue();
		assertThat(trusted.isTrusted("evilclaude.ai")).isFalse();
		assertThat(trusted.isTrusted("claude.ai.evil.example")).isFalse();
		assertThat(trusted.isTrusted("tools.example.com")).isTrue();
		assertThat(trusted.isTrusted("example.com")).isFalse();
		assertThat(trusted.isTrusted("badexample.com")).isFalse();
		assertThat(trusted.isTrusted(null)).isFalse();
	}

}
