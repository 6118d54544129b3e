package dev.mcpauth.oauth2.client.registration;

/** How the client got its {@code client_id}, in MCP's order of preference (CL-11). */
public enum RegistrationMethod {

	PRE_REGISTERED("pre-registered"), CIMD("CIMD"), DCR("DCR");

	private final String label;

	RegistrationMethod(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
