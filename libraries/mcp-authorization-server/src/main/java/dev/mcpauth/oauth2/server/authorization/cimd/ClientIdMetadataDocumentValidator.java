package dev.mcpauth.oauth2.server.authorization.cimd;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import dev.mcpauth.oauth2.server.authorization.redirect.RedirectUriRules;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses and validates the bytes of a Client ID Metadata Document. Pure: no network, no Spring, no state, so it
 * can be unit-tested and fuzzed on its own. Every failure is a {@link ClientIdMetadataDocumentException} whose
 * message names the broken rule and never echoes document content.
 *
 * <p>Rules (checklist AS-17, AS-18, AS-20, AS-21 and §3.2):
 * <ul>
 * <li>a single JSON object, no duplicate members (a second {@code client_id} must not win silently);</li>
 * <li>{@code client_id} equals the URL by simple string comparison, RFC 3986 §6.2.1, no normalisation;</li>
 * <li>{@code client_name} and a non-empty {@code redirect_uris} are present (MCP 2025-11-25);</li>
 * <li>no {@code client_secret} nor {@code client_secret_expires_at} (CIMD-00 §4.1);</li>
 * <li>{@code token_endpoint_auth_method} is {@code none} or {@code private_key_jwt}. An omitted value means
 * {@code none}: RFC 7591's default {@code client_secret_basic} is forbidden for CIMD, and every public MCP client
 * that omits it means "no secret" (checklist §3.2 trap);</li>
 * <li>{@code private_key_jwt} needs a {@code jwks_uri}; inline {@code jwks} is not supported by this server.</li>
 * </ul>
 */
public final class ClientIdMetadataDocumentValidator {

	/** Long enough for any real product name, short enough for a consent page. */
	static final int MAX_CLIENT_NAME_LENGTH = 200;

	private final JsonMapper jsonMapper = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final boolean allowHttpJwksUri;

	/**
	 * @param allowHttpJwksUri accept an {@code http} {@code jwks_uri} (local demos only)
	 */
	public ClientIdMetadataDocumentValidator(boolean allowHttpJwksUri) {
		this.allowHttpJwksUri = allowHttpJwksUri;
	}

	/**
	 * @param body the document bytes as fetched
	 * @param clientId the URL the document was fetched from, exactly as the client sent it
	 * @return the validated document
	 * @throws ClientIdMetadataDocumentException if any rule is broken
	 */
	public ClientMetadataDocument validate(byte[] body, String clientId) {
		if (body == null || body.length == 0) {
			throw invalid("the document is empty");
		}
		JsonNode document;
		try {
			document = this.jsonMapper.readTree(body);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw invalid("the document is not valid JSON");
		}
		if (document == null || !document.isObject()) {
			throw invalid("the document is not a JSON object");
		}
		String documentClientId = optionalString(document, "client_id");
		if (documentClientId == null) {
			throw invalid("the document has no client_id");
		}
		if (!documentClientId.equals(clientId)) {
			throw invalid("the document's client_id does not match the URL it was fetched from");
		}
		if (document.has("client_secret") || document.has("client_secret_expires_at")) {
			throw invalid("the document must not contain client_secret or client_secret_expires_at");
		}
		String clientName = optionalString(document, "client_name");
		if (clientName == null || clientName.isBlank()) {
			throw invalid("the document has no client_name");
		}
		if (clientName.length() > MAX_CLIENT_NAME_LENGTH) {
			throw invalid("client_name is longer than " + MAX_CLIENT_NAME_LENGTH + " characters");
		}
		List<String> redirectUris = redirectUris(document);
		List<String> grantTypes = grantTypes(document);
		requireContains(document, "response_types", "code");
		String authMethod = optionalString(document, "token_endpoint_auth_method");
		String jwksUri = null;
		if (authMethod == null || ClientMetadataDocument.AUTH_METHOD_NONE.equals(authMethod)) {
			authMethod = ClientMetadataDocument.AUTH_METHOD_NONE;
		}
		else if (ClientMetadataDocument.AUTH_METHOD_PRIVATE_KEY_JWT.equals(authMethod)) {
			jwksUri = jwksUri(document);
		}
		else {
			throw invalid("token_endpoint_auth_method must be none or private_key_jwt (no shared secrets)");
		}
		return new ClientMetadataDocument(documentClientId, clientName, redirectUris, authMethod, jwksUri,
				optionalString(document, "client_uri"), optionalString(document, "logo_uri"), grantTypes);
	}

	private static List<String> redirectUris(JsonNode document) {
		JsonNode node = document.get("redirect_uris");
		if (node == null || !node.isArray() || node.isEmpty()) {
			throw invalid("the document has no redirect_uris");
		}
		List<String> uris = new ArrayList<>(node.size());
		for (JsonNode element : node.values()) {
			if (!element.isString()) {
				throw invalid("redirect_uris must be strings");
			}
			String value = element.stringValue();
			uris.add(value);
		}
		String problem = RedirectUriRules.problem(uris);
		if (problem != null) {
			throw invalid(problem);
		}
		return uris;
	}

	private String jwksUri(JsonNode document) {
		if (document.has("jwks")) {
			throw invalid("inline jwks is not supported by this server; publish a jwks_uri");
		}
		String jwksUri = optionalString(document, "jwks_uri");
		if (jwksUri == null) {
			throw invalid("private_key_jwt requires a jwks_uri");
		}
		if (jwksUri.length() > ClientIdUrlPolicy.MAX_LENGTH) {
			// it is stored with the client's settings; keep it within the registered-client table's columns
			throw invalid("jwks_uri is longer than " + ClientIdUrlPolicy.MAX_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(jwksUri);
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			throw invalid("jwks_uri is not a valid URL");
		}
		boolean https = "https".equals(uri.getScheme());
		boolean http = "http".equals(uri.getScheme());
		if (uri.getHost() == null || !(https || (http && this.allowHttpJwksUri))) {
			throw invalid("jwks_uri must be an https URL");
		}
		return jwksUri;
	}

	/** RFC 7591 §2: omitted means authorization_code only; this server needs authorization_code. */
	private static List<String> grantTypes(JsonNode document) {
		JsonNode node = document.get("grant_types");
		if (node == null) {
			return List.of("authorization_code");
		}
		requireContains(document, "grant_types", "authorization_code");
		List<String> grantTypes = new ArrayList<>();
		for (JsonNode element : node.values()) {
			if (!element.isString()) {
				throw invalid("grant_types must be strings");
			}
			grantTypes.add(element.stringValue());
		}
		return grantTypes;
	}

	private static void requireContains(JsonNode document, String member, String required) {
		JsonNode node = document.get(member);
		if (node == null) {
			return;
		}
		if (!node.isArray()) {
			throw invalid(member + " must be an array");
		}
		for (JsonNode element : node.values()) {
			if (element.isString() && required.equals(element.stringValue())) {
				return;
			}
		}
		throw invalid(member + " must include " + required);
	}

	private static String optionalString(JsonNode document, String member) {
		JsonNode node = document.get(member);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw invalid(member + " must be a string");
		}
		return node.stringValue();
	}

	private static ClientIdMetadataDocumentException invalid(String reason) {
		return new ClientIdMetadataDocumentException("Invalid client metadata document: " + reason);
	}

}
