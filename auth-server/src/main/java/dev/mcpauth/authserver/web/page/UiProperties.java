package dev.mcpauth.authserver.web.page;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The user-facing pages: what they call the product, how they describe scopes, which client hosts they present as
 * known, and how hard the login form is to brute-force.
 *
 * @param productName shown in every page's header and title
 * @param scopeDescriptions a sentence per scope, shown on the consent and connected-clients pages; a scope
 * without one is shown by its name with "no description configured"
 * @param trustedClientHosts hosts whose Client ID Metadata Documents the operator vouches for: {@code example.com}
 * or {@code *.example.com}; a CIMD client on any other host is shown as "unverified" (MCP "Trust Policies",
 * CIMD-00 §6.8)
 * @param login the brute-force limit of the login form
 */
@ConfigurationProperties("auth-server.ui")
public record UiProperties(
		@DefaultValue("MCP Authorization Server") String productName,
		@DefaultValue Map<String, String> scopeDescriptions,
		@DefaultValue List<String> trustedClientHosts,
		@DefaultValue Login login) {

	public UiProperties {
		scopeDescriptions = Map.copyOf(scopeDescriptions);
		trustedClientHosts = List.copyOf(trustedClientHosts);
	}

	/**
	 * Failed sign-ins allowed before the form pauses, counted separately per account (the submitted username, so
	 * unknown names are limited too) and per client address. Each limit refills gradually over its window: once
	 * exhausted, one more attempt becomes possible every {@code window / max-failures}.
	 *
	 * @param maxFailuresPerAccount failures per username before sign-in for it is paused
	 * @param accountWindow time in which the per-account allowance refills completely
	 * @param maxFailuresPerAddress failures per client address (all usernames together) before it is paused
	 * @param addressWindow time in which the per-address allowance refills completely
	 * @param maxTrackedKeys bound on the number of usernames and addresses remembered at once
	 */
	public record Login(
			@DefaultValue("5") int maxFailuresPerAccount,
			@DefaultValue("15m") Duration accountWindow,
			@DefaultValue("20") int maxFailuresPerAddress,
			@DefaultValue("15m") Duration addressWindow,
			@DefaultValue("100000") long maxTrackedKeys) {
	}

}
