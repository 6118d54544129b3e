package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;
import dev.mcpauth.oauth2.server.authorization.cimd.FetchedDocument;

import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of everything in the fetch path that parses attacker-controlled input: the
 * {@code client_id} URL, the HTTP response and IP addresses. The property: no exception other than
 * {@link ClientIdMetadataDocumentException} escapes, and whatever is accepted respects the limits.
 *
 * <p>Under plain {@code mvn verify} (regression mode) each method runs its seed inputs from
 * {@code src/test/resources/.../CimdFetchFuzzTestInputs/<method>/}. With {@code JAZZER_FUZZ=1} the selected method
 * fuzzes for {@code maxDuration}; see docs/security.md for the CI command.
 */
class CimdFetchFuzzTest {

	@BeforeAll
	static void instrumentOnlyTheTargets() {
		FuzzTargets.limitInstrumentation();
	}

	private static final CimdUrlPolicy PRODUCTION = new CimdUrlPolicy(List.of(), List.of(), false);

	private static final CimdUrlPolicy DEVELOPMENT = new CimdUrlPolicy(List.of("*.clients.test", "example.test"),
			List.of("bad.clients.test"), true);

	@FuzzTest(maxDuration = "30s")
	void urlPolicyRefusesOnlyWithItsOwnException(FuzzedDataProvider data) {
		String clientId = data.consumeRemainingAsString();
		for (CimdUrlPolicy policy : List.of(PRODUCTION, DEVELOPMENT)) {
			try {
				CimdUrl url = policy.check(clientId);
				// Accepted URLs are the raw input and can be written into a request line as they are.
				assertThat(url.clientId()).isEqualTo(clientId);
				assertThat(url.requestTarget()).startsWith("/").doesNotContain(" ", "\r", "\n", "?", "#");
				assertThat(url.hostHeader()).doesNotContain(" ", "\r", "\n", "/", "@");
				assertThat(url.port()).isBetween(1, 65535);
			}
			catch (ClientIdMetadataDocumentException expected) {
				assertThat(expected.getMessage()).isNotBlank();
			}
		}
	}

	@FuzzTest(maxDuration = "30s")
	void responseReaderRefusesOnlyWithItsOwnException(byte[] response) throws IOException {
		try {
			FetchedDocument document = new DocumentResponseReader(512).read(new ByteArrayInputStream(response));
			assertThat(document.body().length).isLessThanOrEqualTo(512);
			assertThat(document.maxAge() == null || !document.maxAge().isNegative()).isTrue();
		}
		catch (ClientIdMetadataDocumentException expected) {
			assertThat(expected.getMessage()).isNotBlank();
		}
	}

	@FuzzTest(maxDuration = "30s")
	void addressClassificationIsTotalAndMappedFormsAgree(FuzzedDataProvider data) throws Exception {
		byte[] ipv4 = data.consumeBytes(4);
		if (ipv4.length < 4) {
			return;
		}
		byte[] ipv6 = data.consumeRemainingAsBytes();
		if (ipv6.length >= 16) {
			SpecialUseAddresses.classify(Inet6Address.getByAddress(null, java.util.Arrays.copyOf(ipv6, 16), -1));
		}
		byte[] mapped = new byte[16];
		mapped[10] = (byte) 0xFF;
		mapped[11] = (byte) 0xFF;
		System.arraycopy(ipv4, 0, mapped, 12, 4);
		var direct = SpecialUseAddresses.classify(InetAddress.getByAddress(ipv4));
		var viaMapped = SpecialUseAddresses.classify(Inet6Address.getByAddress(null, mapped, -1));
		assertThat(viaMapped.map(SpecialUse::block)).isEqualTo(direct.map(SpecialUse::block));
	}

}
