package dev.mcpauth.oauth2.server.resource.scope;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

import dev.mcpauth.oauth2.server.resource.jsonrpc.JsonRpcBody;
import dev.mcpauth.oauth2.server.resource.jsonrpc.JsonRpcCall;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Authorizes a request to the MCP endpoint: the caller must be authenticated, hold the base scope, and, for every
 * {@code tools/call} in the body, hold the scope that tool declares. The decision is made before the MCP transport
 * sees the request, so a tool never starts for a caller who may not run it (checklist RS-12).
 */
public final class ToolScopeAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final ToolScopes toolScopes;

	public ToolScopeAuthorizationManager(ToolScopes toolScopes) {
		this.toolScopes = toolScopes;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication caller = authentication.get();
		if (!this.trustResolver.isAuthenticated(caller)) {
			// Anonymous: Spring Security turns this denial into the 401 challenge.
			return new AuthorizationDecision(false);
		}
		Set<String> required = new LinkedHashSet<>();
		required.add(this.toolScopes.baseScope());
		if (HttpMethod.POST.matches(context.getRequest().getMethod())) {
			JsonRpcBody body = JsonRpcBody.of(context.getRequest()).orElse(null);
			if (body == null) {
				return new AuthorizationDecision(false);
			}
			for (JsonRpcCall call : body.calls()) {
				if (call.isToolCall()) {
					this.toolScopes.requiredScope(call.toolName()).ifPresent(required::add);
				}
			}
		}
		Set<String> granted = Scopes.granted(caller.getAuthorities());
		if (granted.containsAll(required)) {
			return new AuthorizationDecision(true);
		}
		return new InsufficientScopeDecision(challengeScopes(granted, required),
				"This request needs the scope(s): " + String.join(" ", required));
	}

	/**
	 * MCP "Scope Challenge Handling", recommended approach: the relevant scopes already granted plus the missing
	 * ones, so that a client re-authorizing with exactly this list loses none of its permissions. Scopes this server
	 * does not know are left out (security best practices, "Scope Minimization").
	 */
	private Set<String> challengeScopes(Set<String> granted, Set<String> required) {
		Set<String> scopes = new LinkedHashSet<>();
		for (String known : this.toolScopes.knownScopes()) {
			if (granted.contains(known) || required.contains(known)) {
				scopes.add(known);
			}
		}
		return scopes;
	}

}
