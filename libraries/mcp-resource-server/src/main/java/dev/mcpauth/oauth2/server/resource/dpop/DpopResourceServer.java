package dev.mcpauth.oauth2.server.resource.dpop;

import java.time.Clock;
import java.time.Duration;

import dev.mcpauth.oauth2.server.resource.challenge.BearerAuthenticationEntryPoint;
import dev.mcpauth.oauth2.server.resource.metadata.ProtectedResource;
import dev.mcpauth.oauth2.server.resource.metadata.ProtectedResourceMetadata;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The DPoP pieces of one resource server chain, built from {@link DpopProperties}: what the
 * {@code McpResourceServerConfigurer} wires in (challenges, the Bearer-path converter, the filters) and what the
 * metadata advertises. One replay cache and one nonce source per chain.
 */
public final class DpopResourceServer {

	private final DpopProperties properties;

	private final Duration clockSkew;

	private final DpopNonces nonces;

	private final DpopReplayCache replayCache;

	private final DpopChallenge challenge;

	private final Clock clock;

	/**
	 * @param properties the DPoP settings
	 * @param protectedResource the resource and its metadata URL
	 * @param baseScope the scope named by the 401 challenges
	 * @param clockSkew how far in the future a proof's {@code iat} may be
	 */
	public DpopResourceServer(DpopProperties properties, ProtectedResource protectedResource, String baseScope,
			Duration clockSkew) {
		this.properties = properties;
		this.clockSkew = clockSkew;
		this.clock = Clock.systemUTC();
		this.nonces = properties.nonceRequired() && properties.mode() != DpopMode.DISABLED
				? new DpopNonces(properties.nonceSecret(), properties.maxProofAge(), this.clock) : null;
		this.replayCache = new DpopReplayCache(properties.replayCacheSize(), this.clock);
		this.challenge = new DpopChallenge(protectedResource, baseScope, DpopProofVerifier.ALGORITHMS);
	}

	/** @return the settings */
	public DpopProperties properties() {
		return this.properties;
	}

	/**
	 * RFC 9728 section 2 / RFC 9449 section 5.1: {@code dpop_signing_alg_values_supported} unless disabled,
	 * {@code dpop_bound_access_tokens_required} when required.
	 * @param properties the DPoP settings
	 * @param builder the metadata to complete
	 */
	public static void describe(DpopProperties properties, ProtectedResourceMetadata.Builder builder) {
		if (properties.mode() != DpopMode.DISABLED) {
			builder.dpopSigningAlgValuesSupported().clear();
			builder.dpopSigningAlgValuesSupported().addAll(DpopProofVerifier.ALGORITHMS);
		}
		builder.dpopBoundAccessTokensRequired(properties.mode() == DpopMode.REQUIRED);
	}

	/**
	 * @param bearer the Bearer entry point
	 * @return the entry point to use everywhere in the chain
	 */
	public BearerAuthenticationEntryPoint entryPoint(BearerAuthenticationEntryPoint bearer) {
		if (this.properties.mode() == DpopMode.DISABLED) {
			return bearer;
		}
		return new DpopAuthenticationEntryPoint(bearer, this.challenge, this.properties.mode(), this.nonces);
	}

	/**
	 * @param bearer the Bearer handler
	 * @return the access denied handler to use everywhere in the chain
	 */
	public AccessDeniedHandler accessDeniedHandler(AccessDeniedHandler bearer) {
		return new DpopAccessDeniedHandler(bearer, this.challenge, this.nonces);
	}

	/**
	 * @param authentication what an accepted token becomes (its authorities), as on the Bearer path
	 * @return the converter of the Bearer path, refusing bound tokens (and, when required, every token)
	 */
	public Converter<Jwt, AbstractAuthenticationToken> bearerConverter(
			Converter<Jwt, ? extends AbstractAuthenticationToken> authentication) {
		return new BearerTokenBindingConverter(authentication, this.properties.mode());
	}

	/**
	 * @param decoder the access token decoder (shared with the Bearer path)
	 * @param authentication what an accepted token becomes (shared with the Bearer path)
	 * @param resource the configured resource URI, from which {@code htu} is derived
	 * @param endpoint the MCP endpoint
	 * @param entryPoint the chain's entry point
	 * @param failureHandler the chain's failure handler (503 when keys cannot be fetched)
	 * @return the filter to place before the Bearer filter
	 */
	public DpopAuthenticationFilter authenticationFilter(JwtDecoder decoder,
			Converter<Jwt, ? extends AbstractAuthenticationToken> authentication, String resource,
			RequestMatcher endpoint, AuthenticationEntryPoint entryPoint, AuthenticationFailureHandler failureHandler) {
		DpopProofVerifier verifier = new DpopProofVerifier(this.properties.maxProofAge(), this.clockSkew, this.nonces,
				this.replayCache, this.clock);
		return new DpopAuthenticationFilter(this.properties.mode(), decoder, authentication, verifier,
				new DpopTargetUri(resource, endpoint), this.nonces, entryPoint, failureHandler);
	}

}
