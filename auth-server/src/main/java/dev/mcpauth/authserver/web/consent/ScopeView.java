package dev.mcpauth.authserver.web.consent;

/**
 * One requested scope on the consent page.
 *
 * @param name the scope value
 * @param description its configured sentence, or {@code null}
 * @param previouslyGranted whether the user already granted it to this client (it stays granted)
 */
public record ScopeView(String name, String description, boolean previouslyGranted) {
}
