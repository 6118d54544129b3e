package dev.mcpauth.benchmarks.micro;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentValidator;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientMetadataDocument;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the authorization server spends validating a fetched Client ID Metadata Document: its
 * {@link ClientIdMetadataDocumentValidator} parses the bytes (strict duplicate detection) and checks every rule.
 * A typical document, one near the 5 KB cap (CIMD-00 section 6.6) with many redirect URIs, and a refused one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CimdDocumentValidationBenchmark {

	static final String CLIENT_ID = "https://app.example.com/oauth/client-metadata.json";

	private final ClientIdMetadataDocumentValidator validator = new ClientIdMetadataDocumentValidator(false);

	private byte[] typical;

	private byte[] nearCap;

	private byte[] otherClientId;

	@Setup(Level.Trial)
	public void setUp() {
		this.typical = document(CLIENT_ID, "\"http://127.0.0.1/callback\",\"http://localhost/callback\"");
		this.nearCap = document(CLIENT_ID, IntStream.range(0, 110)
			.mapToObj((i) -> "\"https://app.example.com/callback/" + i + "\"")
			.collect(Collectors.joining(",")));
		this.otherClientId = document("https://app.example.com/other.json", "\"http://127.0.0.1/callback\"");
		if (this.nearCap.length > 5120 || this.nearCap.length < 4096) {
			throw new IllegalStateException("the large document should be just under 5 KB: " + this.nearCap.length);
		}
		this.validator.validate(this.typical, CLIENT_ID);
		this.validator.validate(this.nearCap, CLIENT_ID);
	}

	@Benchmark
	public ClientMetadataDocument typicalDocument() {
		return this.validator.validate(this.typical, CLIENT_ID);
	}

	@Benchmark
	public ClientMetadataDocument documentNearSizeCap() {
		return this.validator.validate(this.nearCap, CLIENT_ID);
	}

	/** A document whose client_id differs from its URL (AS-17): refused, exception included. */
	@Benchmark
	public Object mismatchedClientId() {
		try {
			return this.validator.validate(this.otherClientId, CLIENT_ID);
		}
		catch (ClientIdMetadataDocumentException ex) {
			return ex;
		}
	}

	private static byte[] document(String clientId, String redirectUris) {
		return ("""
				{"client_id":"%s","client_name":"Example MCP client","client_uri":"https://app.example.com",
				 "logo_uri":"https://app.example.com/logo.png","redirect_uris":[%s],
				 "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
				 "token_endpoint_auth_method":"none"}""").formatted(clientId, redirectUris)
			.getBytes(StandardCharsets.UTF_8);
	}

}
