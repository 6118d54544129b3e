package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

/**
 * Restricts Jazzer's instrumentation to the classes under fuzz. By default Jazzer hooks every project class loaded
 * after its agent starts, and hooked classes lose the {@code MethodParameters} attribute; Spring then cannot bind
 * {@code @ConfigurationProperties} records of application contexts started later in the same test JVM. Called from
 * {@code @BeforeAll} of each fuzz test class, i.e. before Jazzer configures its agent.
 */
final class FuzzTargets {

	private FuzzTargets() {
	}

	static void limitInstrumentation() {
		// Jazzer option "instrument" (comma-separated globs), read from the jazzer.* system properties
		System.setProperty("jazzer.instrument", String.join(",", "dev.mcpauth.oauth2.server.authorization.cimd.fetch.CimdUrlPolicy",
				"dev.mcpauth.oauth2.server.authorization.cimd.fetch.DocumentResponseReader",
				"dev.mcpauth.oauth2.server.authorization.cimd.fetch.SpecialUseAddresses*",
				"dev.mcpauth.oauth2.server.authorization.cimd.fetch.AddressBlock",
				"dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentValidator"));
	}

}
