package dev.mcpauth.oauth2.client.registration;

/**
 * The client's identity at one authorization server.
 *
 * @param clientSecret {@code null} for a public client
 * @param tokenEndpointAuthMethod {@code none}, {@code client_secret_basic} or {@code client_secret_post} (CL-17)
 */
public record ClientRegistration(RegistrationMethod method, String clientId, String clientSecret,
		String tokenEndpointAuthMethod) {

	@Override
	public String toString() {
		return "ClientRegistration[method=" + this.method + ", clientId=" + this.clientId + ", authMethod="
				+ this.tokenEndpointAuthMethod + ", secret=" + (this.clientSecret == null ? "none" : "(hidden)") + "]";
	}

}
