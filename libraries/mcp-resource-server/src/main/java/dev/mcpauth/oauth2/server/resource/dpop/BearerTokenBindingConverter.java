package dev.mcpauth.oauth2.server.resource.dpop;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * The converter of the {@code Bearer} path (after the token was validated, from the validated-token cache or not):
 * a token bound to a key ({@code cnf}, RFC 9449 section 6, RFC 7800) is refused whatever the mode, because a
 * stolen bound token must not work without its key (RFC 9449 section 7.2); in {@code required} mode every Bearer
 * token is refused. Both answer 401 {@code invalid_token}.
 */
public final class BearerTokenBindingConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final Converter<Jwt, ? extends AbstractAuthenticationToken> delegate;

	private final DpopMode mode;

	public BearerTokenBindingConverter(DpopMode mode) {
		this(new JwtAuthenticationConverter(), mode);
	}

	public BearerTokenBindingConverter(Converter<Jwt, ? extends AbstractAuthenticationToken> delegate, DpopMode mode) {
		this.delegate = delegate;
		this.mode = mode;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		if (DpopProofVerifier.isBound(jwt)) {
			throw new OAuth2AuthenticationException(BearerTokenErrors
				.invalidToken("This access token is bound to a key: present it with the DPoP scheme and a proof"));
		}
		if (this.mode == DpopMode.REQUIRED) {
			throw new OAuth2AuthenticationException(
					BearerTokenErrors.invalidToken("This resource requires a DPoP-bound access token"));
		}
		return this.delegate.convert(jwt);
	}

}
