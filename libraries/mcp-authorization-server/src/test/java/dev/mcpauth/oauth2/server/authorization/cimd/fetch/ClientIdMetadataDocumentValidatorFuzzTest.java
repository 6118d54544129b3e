package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentValidator;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientMetadataDocument;

import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the document parser and validator (issue 7 "Prove"): for any bytes, validation either returns a document
 * whose {@code client_id} is exactly the URL it was fetched from (AS-17) and that satisfies the required-field
 * rules (AS-18, AS-20), or fails with {@link ClientIdMetadataDocumentException}. Any other exception escaping is
 * a bug (it would surface as a 500 instead of an error page).
 */
class ClientIdMetadataDocumentValidatorFuzzTest {

	@BeforeAll
	static void instrumentOnlyTheTargets() {
		FuzzTargets.limitInstrumentation();
	}

	private static final String CLIENT_ID = "https://client.example.test/oauth/client.json";

	private static final ClientIdMetadataDocumentValidator PRODUCTION = new ClientIdMetadataDocumentValidator(false);

	private static final ClientIdMetadataDocumentValidator DEVELOPMENT = new ClientIdMetadataDocumentValidator(true);

	@FuzzTest(maxDuration = "30s")
	void validatorRefusesOnlyWithItsOwnException(FuzzedDataProvider data) {
		boolean development = data.consumeBoolean();
		String clientId = data.consumeBoolean() ? CLIENT_ID : data.consumeString(200);
		byte[] body = data.consumeRemainingAsBytes();
		try {
			ClientMetadataDocument document = (development ? DEVELOPMENT : PRODUCTION).validate(body, clientId);
			assertThat(document.clientId()).isEqualTo(clientId);
			assertThat(document.clientName()).isNotBlank();
			assertThat(document.redirectUris()).isNotEmpty();
			assertThat(document.tokenEndpointAuthMethod()).isIn(ClientMetadataDocument.AUTH_METHOD_NONE,
					ClientMetadataDocument.AUTH_METHOD_PRIVATE_KEY_JWT);
		}
		catch (ClientIdMetadataDocumentException expected) {
			assertThat(expected.getMessage()).isNotBlank();
		}
	}

}
