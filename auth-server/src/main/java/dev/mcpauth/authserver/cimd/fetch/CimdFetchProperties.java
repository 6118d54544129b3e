package dev.mcpauth.authserver.cimd.fetch;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hardened fetcher's own settings, next to the shared ones of {@code AuthServerProperties.Cimd} under the
 * same prefix ({@code connect-timeout}, {@code read-timeout} as the total deadline, {@code max-document-bytes},
 * {@code allow-http-and-loopback}, {@code max-cached-documents}), which it reads from there so each fact has one key.
 *
 * @param allowedHosts if set, only these hosts may publish documents: {@code example.com} or {@code *.example.com}
 * (checklist AS-28, CIMD-00 §6.8 trust policy); checked before any DNS lookup
 * @param deniedHosts hosts that may never publish documents, same syntax; wins over the allowlist
 * @param developmentAllowlist special-use CIDR blocks a development setup may fetch from, in addition to loopback
 * when {@code allow-http-and-loopback} is on (e.g. a container network); empty in production
 * @param negativeCacheTtl how long a host that did not answer is not asked again ({@code 0s} disables)
 * @param staleIfError how long after a successful fetch its copy may bridge a transient failure ({@code 0s}
 * disables; RFC 5861 §4)
 */
@ConfigurationProperties("auth-server.cimd")
public record CimdFetchProperties(
		@DefaultValue List<String> allowedHosts,
		@DefaultValue List<String> deniedHosts,
		@DefaultValue List<String> developmentAllowlist,
		@DefaultValue("10s") Duration negativeCacheTtl,
		@DefaultValue("1h") Duration staleIfError) {
}
