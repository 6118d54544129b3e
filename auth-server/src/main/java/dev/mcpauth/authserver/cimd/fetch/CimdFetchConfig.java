package dev.mcpauth.authserver.cimd.fetch;

import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

import dev.mcpauth.authserver.cimd.ClientIdMetadataDocumentException;
import dev.mcpauth.authserver.cimd.ClientIdUrlPolicy;
import dev.mcpauth.authserver.config.AuthServerProperties;
import dev.mcpauth.authserver.config.AuthorizationServerChainCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Installs the hardened fetcher as the authorization server's {@code ClientIdMetadataDocumentFetcher}: the network
 * fetch ({@link HardenedDocumentFetcher}) behind single flight, a negative cache and stale-if-error
 * ({@link CoalescingDocumentFetcher}). {@code @Primary} makes it win over the basic default fetcher whatever the
 * order in which configuration classes are read. Declare an {@link AddressResolver} bean to replace DNS
 * resolution (tests do). It also makes the authorization endpoint fetch only after login and routes
 * {@code private_key_jwt} key fetches through the same hardened path.
 */
@Configuration(proxyBeanMethods = false)
class CimdFetchConfig {

	@Bean
	HardenedDocumentFetcher hardenedDocumentFetcher(AuthServerProperties properties, CimdFetchProperties fetch,
			ObjectProvider<AddressResolver> resolver) throws NoSuchAlgorithmException {
		AuthServerProperties.Cimd cimd = properties.cimd();
		DevelopmentAllowlist allowlist = developmentAllowlist(cimd.allowHttpAndLoopback(),
				fetch.developmentAllowlist());
		return new HardenedDocumentFetcher(
				new CimdUrlPolicy(fetch.allowedHosts(), fetch.deniedHosts(), !allowlist.isEmpty()),
				resolver.getIfAvailable(AddressResolver::system), allowlist,
				new FetchLimits(cimd.connectTimeout(), cimd.readTimeout(), cimd.maxDocumentBytes()),
				SSLContext.getDefault().getSocketFactory());
	}

	@Bean
	@Primary
	CoalescingDocumentFetcher hardenedClientIdMetadataDocumentFetcher(HardenedDocumentFetcher hardenedDocumentFetcher,
			AuthServerProperties properties, CimdFetchProperties fetch) {
		return new CoalescingDocumentFetcher(hardenedDocumentFetcher, fetch.negativeCacheTtl(), fetch.staleIfError(),
				properties.cimd().maxCachedDocuments(), Clock.systemUTC());
	}

	/**
	 * Two additions to the authorization server's filter chain:
	 * <ul>
	 * <li>{@link AuthenticateBeforeFetchFilter} in front of the authorization endpoint. It takes the position
	 * {@code OAuth2AuthorizationEndpointFilter} gets later during the build (before
	 * {@code AbstractPreAuthenticatedProcessingFilter}); being added first, it runs first.</li>
	 * <li>{@code private_key_jwt} assertions verified with keys fetched through the hardened fetcher
	 * ({@link HardenedClientAssertionDecoderFactory}), set on Spring's provider when the configurer creates it.</li>
	 * </ul>
	 */
	@Bean
	AuthorizationServerChainCustomizer cimdFetchHardening(AuthorizationServerSettings settings,
			AuthServerProperties properties, CimdFetchProperties fetch,
			CoalescingDocumentFetcher hardenedClientIdMetadataDocumentFetcher) {
		AuthenticateBeforeFetchFilter authenticateFirst = new AuthenticateBeforeFetchFilter(
				settings.getAuthorizationEndpoint(), wouldFetch(properties, fetch), loginOrUnauthorized());
		HardenedClientAssertionDecoderFactory assertionKeys = new HardenedClientAssertionDecoderFactory(
				hardenedClientIdMetadataDocumentFetcher);
		return (http) -> {
			http.addFilterBefore(authenticateFirst, AbstractPreAuthenticatedProcessingFilter.class);
			OAuth2AuthorizationServerConfigurer authorizationServer = http
				.getConfigurer(OAuth2AuthorizationServerConfigurer.class);
			if (authorizationServer != null) {
				authorizationServer.withObjectPostProcessor(usingKeysFrom(assertionKeys));
			}
		};
	}

	private static ObjectPostProcessor<JwtClientAssertionAuthenticationProvider> usingKeysFrom(
			HardenedClientAssertionDecoderFactory assertionKeys) {
		return new ObjectPostProcessor<>() {
			@Override
			public <O extends JwtClientAssertionAuthenticationProvider> O postProcess(O provider) {
				provider.setJwtDecoderFactory(assertionKeys);
				return provider;
			}
		};
	}

	/** A URL client_id that the URL policies accept on syntax alone, i.e. one whose resolution would fetch. */
	private static Predicate<String> wouldFetch(AuthServerProperties properties, CimdFetchProperties fetch) {
		ClientIdUrlPolicy syntax = new ClientIdUrlPolicy(properties.cimd().allowHttpAndLoopback());
		boolean httpAllowed = !developmentAllowlist(properties.cimd().allowHttpAndLoopback(),
				fetch.developmentAllowlist()).isEmpty();
		CimdUrlPolicy hardened = new CimdUrlPolicy(fetch.allowedHosts(), fetch.deniedHosts(), httpAllowed);
		return (clientId) -> {
			if (!ClientIdUrlPolicy.looksLikeUrl(clientId)) {
				return false;
			}
			try {
				syntax.check(clientId);
				hardened.check(clientId);
				return true;
			}
			catch (ClientIdMetadataDocumentException ex) {
				return false; // refused without network access: the endpoint shows the error page at once
			}
		};
	}

	/** Browsers go to the login form, like the chain's own entry point; other callers get 401. */
	private static AuthenticationEntryPoint loginOrUnauthorized() {
		AuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
		AuthenticationEntryPoint unauthorized = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
		RequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		return (request, response, ex) -> (browser.matches(request) ? login : unauthorized).commence(request, response,
				ex);
	}

	static DevelopmentAllowlist developmentAllowlist(boolean allowHttpAndLoopback, List<String> extraBlocks) {
		List<AddressBlock> blocks = new ArrayList<>();
		if (allowHttpAndLoopback) {
			blocks.addAll(DevelopmentAllowlist.loopback().blocks());
		}
		extraBlocks.stream().map(AddressBlock::parse).forEach(blocks::add);
		return new DevelopmentAllowlist(blocks);
	}

}
