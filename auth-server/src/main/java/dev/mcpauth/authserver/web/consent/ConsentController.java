package dev.mcpauth.authserver.web.consent;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import dev.mcpauth.oauth2.server.authorization.resource.ProtectedResources;
import dev.mcpauth.authserver.web.page.PageSecurity;
import dev.mcpauth.authserver.web.page.UiProperties;
import dev.mcpauth.authserver.web.page.UserPagesSecurityConfig;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consent page of one authorization request. Spring Authorization Server redirects here with
 * {@code client_id}, {@code scope} and the consent {@code state}; everything shown is read from the stored
 * authorization that {@code state} names (never from the query), and only for the user who started it. The form
 * posts back to the authorization endpoint, where the framework checks {@code state} against the user's pending
 * authorization, which is what stops a forged approval (the random {@code state} plays the CSRF token's role).
 */
@Controller
public class ConsentController {

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private final OAuth2AuthorizationService authorizations;

	private final OAuth2AuthorizationConsentService consents;

	private final RegisteredClientRepository clients;

	private final TrustedClientHosts trustedHosts;

	private final ScopeDescriptions scopeDescriptions;

	public ConsentController(OAuth2AuthorizationService authorizations, OAuth2AuthorizationConsentService consents,
			RegisteredClientRepository clients, UiProperties properties) {
		this.authorizations = authorizations;
		this.consents = consents;
		this.clients = clients;
		this.trustedHosts = new TrustedClientHosts(properties.trustedClientHosts());
		this.scopeDescriptions = new ScopeDescriptions(properties.scopeDescriptions());
	}

	@GetMapping(UserPagesSecurityConfig.CONSENT_PAGE)
	public String consent(@RequestParam(name = OAuth2ParameterNames.CLIENT_ID, required = false) String clientId,
			@RequestParam(name = OAuth2ParameterNames.STATE, required = false) String state, Principal principal,
			Model model, HttpServletResponse response) {
		OAuth2Authorization authorization = StringUtils.hasText(state) ? this.authorizations.findByToken(state, STATE)
				: null;
		RegisteredClient client = (authorization != null)
				? this.clients.findById(authorization.getRegisteredClientId()) : null;
		OAuth2AuthorizationRequest request = (authorization != null)
				? authorization.getAttribute(OAuth2AuthorizationRequest.class.getName()) : null;
		if (request == null || client == null || !principal.getName().equals(authorization.getPrincipalName())
				|| !client.getClientId().equals(clientId)) {
			return expired(model, response);
		}
		String redirectUri = StringUtils.hasText(request.getRedirectUri()) ? request.getRedirectUri()
				: client.getRedirectUris().stream().findFirst().orElse(null);
		RedirectPresentation redirect = RedirectPresentation.parse(redirectUri);
		if (redirect == null) {
			return expired(model, response);
		}
		OAuth2AuthorizationConsent previous = this.consents.findById(client.getId(), principal.getName());
		Set<String> granted = (previous != null) ? previous.getScopes() : Set.of();
		List<ScopeView> scopes = new ArrayList<>();
		for (String scope : request.getScopes()) {
			scopes.add(new ScopeView(scope, this.scopeDescriptions.describe(scope), granted.contains(scope)));
		}
		model.addAttribute("client", ClientPresentation.of(client, this.trustedHosts));
		model.addAttribute("redirect", redirect);
		model.addAttribute("resource", ProtectedResources.boundResource(authorization));
		model.addAttribute("scopes", scopes);
		model.addAttribute("previouslyGranted", scopes.stream().anyMatch(ScopeView::previouslyGranted));
		model.addAttribute("clientId", client.getClientId());
		model.addAttribute("state", state);
		model.addAttribute("user", principal.getName());
		// the answer is a redirect to the client: the form may go there (see PageSecurity)
		PageSecurity.withFormTargets(response, redirect.origin());
		return "consent";
	}

	private static String expired(Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("title", "This request is no longer valid");
		model.addAttribute("message", "The authorization request has expired, was already answered, or was started "
				+ "by someone else. Go back to the application and start again.");
		model.addAttribute("code", "invalid_request");
		return "page-error";
	}

}
