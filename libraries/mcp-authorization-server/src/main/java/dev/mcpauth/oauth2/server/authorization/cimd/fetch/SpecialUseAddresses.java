package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Classifies IP addresses against the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890), so that
 * the authorization server never fetches a Client ID Metadata Document from an address that is not an ordinary
 * public unicast address (CIMD-01 §6.5: the URL "MUST NOT resolve to special-use IP addresses", checklist AS-25).
 *
 * <p>The rule is deliberately wider than the registries where that costs nothing: every IPv6 address outside the
 * global unicast space {@code 2000::/3} is refused, and the whole IETF protocol assignment blocks are refused even
 * where single entries are globally reachable, because no client publishes its metadata document there. IPv6
 * forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged by the embedded
 * address, so {@code ::ffff:169.254.169.254} is as special as {@code 169.254.169.254}; the deprecated
 * IPv4-compatible form {@code ::a.b.c.d} is refused even for a public embedded address, since nothing routes it.
 *
 * <p>Pure and thread-safe: no DNS, no state.
 */
public final class SpecialUseAddresses {

	private record Block(AddressBlock range, SpecialUse use) {

		boolean contains(byte[] address) {
			return this.range.contains(address);
		}

	}

	// Most specific first: the first match names the reason.
	private static final List<Block> IPV4 = List.of(
			block("255.255.255.255/32", "limited broadcast", "RFC 919"),
			block("0.0.0.0/8", "this network", "RFC 791"),
			block("10.0.0.0/8", "private-use", "RFC 1918"),
			block("100.64.0.0/10", "shared address space (CGNAT)", "RFC 6598"),
			block("127.0.0.0/8", "loopback", "RFC 1122"),
			block("169.254.169.254/32", "link-local (cloud metadata service)", "RFC 3927"),
			block("169.254.0.0/16", "link-local", "RFC 3927"),
			block("172.16.0.0/12", "private-use", "RFC 1918"),
			block("192.0.0.0/24", "IETF protocol assignments", "RFC 6890"),
			block("192.0.2.0/24", "documentation (TEST-NET-1)", "RFC 5737"),
			block("192.31.196.0/24", "AS112-v4", "RFC 7535"),
			block("192.52.193.0/24", "AMT", "RFC 7450"),
			block("192.88.99.0/24", "deprecated 6to4 relay anycast", "RFC 7526"),
			block("192.168.0.0/16", "private-use", "RFC 1918"),
			block("192.175.48.0/24", "direct delegation AS112", "RFC 7534"),
			block("198.18.0.0/15", "benchmarking", "RFC 2544"),
			block("198.51.100.0/24", "documentation (TEST-NET-2)", "RFC 5737"),
			block("203.0.113.0/24", "documentation (TEST-NET-3)", "RFC 5737"),
			block("224.0.0.0/4", "multicast", "RFC 5771"),
			block("240.0.0.0/4", "reserved", "RFC 1112"));

	private static final List<Block> IPV6 = List.of(
			block("::/128", "unspecified", "RFC 4291"),
			block("::1/128", "loopback", "RFC 4291"),
			block("64:ff9b:1::/48", "local-use IPv4/IPv6 translation", "RFC 8215"),
			block("100::/64", "discard-only", "RFC 6666"),
			block("2001::/32", "Teredo", "RFC 4380"),
			block("2001:2::/48", "benchmarking", "RFC 5180"),
			block("2001:db8::/32", "documentation", "RFC 3849"),
			block("2001::/23", "IETF protocol assignments", "RFC 2928"),
			block("2620:4f:8000::/48", "direct delegation AS112", "RFC 7534"),
			block("3fff::/20", "documentation", "RFC 9637"),
			block("fc00::/7", "unique-local", "RFC 4193"),
			block("fe80::/10", "link-local", "RFC 4291"),
			block("fec0::/10", "deprecated site-local", "RFC 3879"),
			block("ff00::/8", "multicast", "RFC 4291"));

	private static final Block GLOBAL_UNICAST = block("2000::/3", "global unicast", "RFC 4291");

	private static final SpecialUse OUTSIDE_GLOBAL_UNICAST = new SpecialUse("2000::/3",
			"outside IPv6 global unicast (reserved or unassigned)", false);

	private static final SpecialUse IPV4_COMPATIBLE = new SpecialUse("::/96",
			"deprecated IPv4-compatible IPv6 (RFC 4291 §2.5.5.1)", false);

	private SpecialUseAddresses() {
	}

	/**
	 * Returns the special-use block {@code address} falls in, or empty if it is an ordinary public unicast address.
	 */
	public static Optional<SpecialUse> classify(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return classifyIpv4(bytes);
		}
		if (address instanceof Inet6Address) {
			return classifyIpv6(bytes);
		}
		throw new IllegalArgumentException("Neither IPv4 nor IPv6: " + address);
	}

	private static Optional<SpecialUse> classifyIpv4(byte[] bytes) {
		return first(IPV4, bytes);
	}

	private static Optional<SpecialUse> classifyIpv6(byte[] bytes) {
		// Forms that carry an IPv4 address are judged by that address (RFC 6890 leaves them to the IPv4 rules).
		if (isZero(bytes, 0, 10) && (bytes[10] & 0xFF) == 0xFF && (bytes[11] & 0xFF) == 0xFF) {
			return classifyIpv4(slice(bytes, 12)).map((use) -> use.via("IPv4-mapped IPv6"));
		}
		if (isZero(bytes, 0, 12)) {
			Optional<SpecialUse> exact = first(IPV6, bytes);
			if (exact.isPresent()) {
				return exact;
			}
			// Deprecated and unroutable: refused even when the embedded address is public.
			return Optional.of(classifyIpv4(slice(bytes, 12)).map((use) -> use.via("IPv4-compatible IPv6"))
				.orElse(IPV4_COMPATIBLE));
		}
		if (startsWith(bytes, 0x00, 0x64, 0xFF, 0x9B) && isZero(bytes, 4, 12)) {
			// 64:ff9b::/96 well-known NAT64 prefix (RFC 6052): the gateway connects to the embedded IPv4 address.
			return classifyIpv4(slice(bytes, 12)).map((use) -> use.via("NAT64 64:ff9b::/96"));
		}
		if (startsWith(bytes, 0x20, 0x02)) {
			// 2002::/16 6to4 (RFC 3056): the embedded IPv4 address sits in bytes 2..5.
			return classifyIpv4(slice(bytes, 2)).map((use) -> use.via("6to4 2002::/16"));
		}
		Optional<SpecialUse> listed = first(IPV6, bytes);
		if (listed.isPresent()) {
			return listed;
		}
		return GLOBAL_UNICAST.contains(bytes) ? Optional.empty() : Optional.of(OUTSIDE_GLOBAL_UNICAST);
	}

	private static Optional<SpecialUse> first(List<Block> blocks, byte[] bytes) {
		for (Block block : blocks) {
			if (block.contains(bytes)) {
				return Optional.of(block.use());
			}
		}
		return Optional.empty();
	}

	private static boolean isZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean startsWith(byte[] bytes, int... prefix) {
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static byte[] slice(byte[] bytes, int from) {
		byte[] ipv4 = new byte[4];
		System.arraycopy(bytes, from, ipv4, 0, 4);
		return ipv4;
	}

	private static Block block(String cidr, String name, String reference) {
		return new Block(AddressBlock.parse(cidr),
				new SpecialUse(cidr, name + ", " + reference, name.equals("loopback")));
	}

}
