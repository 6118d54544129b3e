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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
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
 * resolution (tests do).
 */
@Configuration(proxyBeanMethods = false)
class CimdFetchConfig {

	@Bean
	HardenedDocumentFetcher hardenedDocumentFetcher(AuthServerProperties properties, CimdFetchProperties fetch,
			ObjectProvider<AddressResolver> resolver) throws NoSuchAlgorithmException {
		AuthServerProperties.Cimd cimd = properties.cimd();
		DevelopmentAllowlist allowlist = developmentAllowlist(cimd.allowHttpAndLoopback(), fetch.developmentAllowlist());
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
	 * Puts {@link AuthenticateBeforeFetchFilter} in front of the authorization endpoint. Spring Security applies
	 * {@code Customizer<HttpSecurity>} beans to every chain before the chain's own configuration, so the filter is
	 * registered ahead of {@code OAuth2AuthorizationEndpointFilter}, which takes the same position
	 * (before {@code AbstractPreAuthenticatedProcessingFilter}) later; in other chains it never matches.
	 */
	@Bean
	Customizer<HttpSecurity> authenticateBeforeCimdFetch(AuthorizationServerSettings settings,
			AuthServerProperties properties, CimdFetchProperties fetch) {
		ClientIdUrlPolicy syntax = new ClientIdUrlPolicy(properties.cimd().allowHttpAndLoopback());
		CimdUrlPolicy hardened = new CimdUrlPolicy(fetch.allowedHosts(), fetch.deniedHosts(),
				!developmentAllowlist(properties.cimd().allowHttpAndLoopback(), fetch.developmentAllowlist()).isEmpty());
		Predicate<String> wouldFetch = (clientId) -> {
			if (!ClientIdUrlPolicy.looksLikeUrl(clientId)) {
				return false;
			}
			try {
				syntax.check(clientId);
				hardened.check(clientId);
				return true;
			}
			catch (ClientIdMetadataDocumentException ex) {
				return false; // refused on syntax alone, without network access: show the error page now
			}
		};
		AuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
		AuthenticationEntryPoint unauthorized = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
		RequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> (browser.matches(request) ? login
				: unauthorized).commence(request, response, ex);
		return (http) -> http.addFilterBefore(
				new AuthenticateBeforeFetchFilter(settings.getAuthorizationEndpoint(), wouldFetch, entryPoint),
				AbstractPreAuthenticatedProcessingFilter.class);
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
