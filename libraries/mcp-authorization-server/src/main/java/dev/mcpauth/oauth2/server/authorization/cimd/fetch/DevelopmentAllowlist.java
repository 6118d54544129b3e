package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Special-use address blocks that a local development setup may fetch Client ID Metadata Documents from, such as
 * the demo client's document host on {@code http://localhost:3000} (CIMD-01 §6.5 allows loopback for an
 * authorization server that itself runs on loopback).
 *
 * <p>Empty in production. When it is not empty, {@code http} URLs are accepted too, but only towards addresses it
 * permits: plain-text fetches never leave the development machine or network.
 *
 * @param blocks the permitted blocks
 */
public record DevelopmentAllowlist(List<AddressBlock> blocks) {

	private static final DevelopmentAllowlist NONE = new DevelopmentAllowlist(List.of());

	private static final DevelopmentAllowlist LOOPBACK = of(List.of("127.0.0.0/8", "::1/128"));

	public DevelopmentAllowlist {
		blocks = List.copyOf(blocks);
	}

	/** Production: no special-use address is ever fetched from. */
	public static DevelopmentAllowlist none() {
		return NONE;
	}

	/** The local demo: loopback only ({@code 127.0.0.0/8}, {@code ::1}). */
	public static DevelopmentAllowlist loopback() {
		return LOOPBACK;
	}

	/** Parses CIDR blocks such as {@code 127.0.0.0/8} or {@code 172.18.0.0/16} (a container network). */
	public static DevelopmentAllowlist of(List<String> cidrs) {
		return new DevelopmentAllowlist(cidrs.stream().map(AddressBlock::parse).toList());
	}

	public boolean isEmpty() {
		return this.blocks.isEmpty();
	}

	/** Whether {@code address}, or the IPv4 address an IPv4-mapped IPv6 address carries, lies in a block. */
	public boolean permits(InetAddress address) {
		byte[] bytes = address.getAddress();
		byte[] embedded = (address instanceof Inet6Address) ? mappedIpv4(bytes) : null;
		for (AddressBlock block : this.blocks) {
			if (block.contains(bytes) || (embedded != null && block.contains(embedded))) {
				return true;
			}
		}
		return false;
	}

	private static byte[] mappedIpv4(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return null;
			}
		}
		if ((bytes[10] & 0xFF) != 0xFF || (bytes[11] & 0xFF) != 0xFF) {
			return null;
		}
		return new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] };
	}

}
