package dev.mcpauth.authserver.cimd.fetch;

import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import dev.mcpauth.authserver.config.AuthServerProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

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

	static DevelopmentAllowlist developmentAllowlist(boolean allowHttpAndLoopback, List<String> extraBlocks) {
		List<AddressBlock> blocks = new ArrayList<>();
		if (allowHttpAndLoopback) {
			blocks.addAll(DevelopmentAllowlist.loopback().blocks());
		}
		extraBlocks.stream().map(AddressBlock::parse).forEach(blocks::add);
		return new DevelopmentAllowlist(blocks);
	}

}
