package dev.mcpauth.oauth2.client.registration;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.mcpauth.oauth2.client.discovery.AuthorizationServerMetadata;

/**
 * Chooses how the client identifies itself to an authorization server, in MCP's order (CL-11, CL-12, CL-15):
 * pre-registered credentials, else a Client ID Metadata Document when the server advertises
 * {@code client_id_metadata_document_supported}, else dynamic client registration when it has a
 * {@code registration_endpoint}, else a clear error. Registrations are kept per issuer, so a client never presents
 * one server's credentials to another (CL-23; SEP-2352 migration).
 */
public final class ClientRegistrar {

	private final PreRegisteredClient preRegistered;

	private final Supplier<String> cimdClientId;

	private final DynamicClientRegistration dynamicRegistration;

	private final Map<String, ClientRegistration> byIssuer = new HashMap<>();

	/**
	 * @param preRegistered {@code null} when no credentials are configured
	 * @param cimdClientId yields the CIMD URL, starting the embedded host on first use; {@code null} when the client
	 * has no metadata document (then CIMD is never chosen)
	 */
	public ClientRegistrar(PreRegisteredClient preRegistered, Supplier<String> cimdClientId,
			DynamicClientRegistration dynamicRegistration) {
		this.preRegistered = preRegistered;
		this.cimdClientId = cimdClientId;
		this.dynamicRegistration = dynamicRegistration;
	}

	/**
	 * Configured client credentials (configuration or environment).
	 * @param privateKeyJwt the client authenticates with a signed assertion ({@code private_key_jwt}) instead of a secret
	 */
	public record PreRegisteredClient(String clientId, String clientSecret, boolean privateKeyJwt) {

		public PreRegisteredClient(String clientId, String clientSecret) {
			this(clientId, clientSecret, false);
		}

		@Override
		public String toString() {
			return "PreRegisteredClient[clientId=" + this.clientId + ", secret=(hidden)]";
		}

	}

	public RegistrationMethod choose(AuthorizationServerMetadata as) {
		if (this.preRegistered != null) {
			return RegistrationMethod.PRE_REGISTERED;
		}
		if (as.clientIdMetadataDocumentSupported() && this.cimdClientId != null) {
			return RegistrationMethod.CIMD;
		}
		if (as.registrationEndpoint() != null) {
			return RegistrationMethod.DCR;
		}
		if (as.clientIdMetadataDocumentSupported()) {
			throw new NoRegistrationMethodException("authorization server " + as.issuer() + " takes Client ID Metadata "
					+ "Documents but the client has none, and it offers no dynamic client registration; configure "
					+ "pre-registered credentials or a client metadata document URL");
		}
		throw new NoRegistrationMethodException("authorization server " + as.issuer() + " supports neither Client ID "
				+ "Metadata Documents nor dynamic client registration; configure pre-registered credentials");
	}

	public synchronized ClientRegistration registrationFor(AuthorizationServerMetadata as, String redirectUri) {
		ClientRegistration known = this.byIssuer.get(as.issuer());
		if (known != null) {
			return known;
		}
		ClientRegistration registration = switch (choose(as)) {
			case PRE_REGISTERED -> new ClientRegistration(RegistrationMethod.PRE_REGISTERED, this.preRegistered.clientId(),
					this.preRegistered.clientSecret(), this.preRegistered.privateKeyJwt()
							? TokenEndpointAuthMethods.PRIVATE_KEY_JWT : TokenEndpointAuthMethods
						.forPreRegistered(this.preRegistered.clientSecret(), as.tokenEndpointAuthMethodsSupported()));
			// A CIMD client is public: the document declares token_endpoint_auth_method "none" (CL-13, CL-17).
			case CIMD -> new ClientRegistration(RegistrationMethod.CIMD, this.cimdClientId.get(), null,
					TokenEndpointAuthMethods.NONE);
			case DCR -> this.dynamicRegistration.register(as, redirectUri);
		};
		this.byIssuer.put(as.issuer(), registration);
		return registration;
	}

}
