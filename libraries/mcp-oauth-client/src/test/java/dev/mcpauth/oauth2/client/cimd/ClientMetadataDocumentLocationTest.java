package dev.mcpauth.oauth2.client.cimd;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CL-13: what can be a CIMD client_id, and an embedded host that starts only when needed. */
class ClientMetadataDocumentLocationTest {

	@Test
	void takesAnHttpsUrlWithAPathVerbatim() {
		assertThat(ClientMetadataDocumentLocation.url("https://app.example.test/oauth/client.json").clientId())
			.isEqualTo("https://app.example.test/oauth/client.json");
	}

	@Test
	void refusesUrlsThatCannotBeAClientId() {
		for (String url : List.of("http://app.example.test/client.json", "https://app.example.test",
				"https://app.example.test/", "https://app.example.test/a#frag", "https://app.example.test/a/../b.json",
				"not a url")) {
			assertThatThrownBy(() -> ClientMetadataDocumentLocation.url(url)).as(url)
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void createsTheLocationOnFirstUseOnly() {
		AtomicInteger created = new AtomicInteger();
		ClientMetadataDocumentLocation lazy = ClientMetadataDocumentLocation.onFirstUse(() -> {
			created.incrementAndGet();
			return () -> "https://app.example.test/client.json";
		});

		assertThat(lazy.takeFetches()).isEmpty();
		lazy.close();
		assertThat(created).hasValue(0);
		assertThat(lazy.clientId()).isEqualTo(lazy.clientId()).isEqualTo("https://app.example.test/client.json");
		assertThat(created).hasValue(1);
	}

}
