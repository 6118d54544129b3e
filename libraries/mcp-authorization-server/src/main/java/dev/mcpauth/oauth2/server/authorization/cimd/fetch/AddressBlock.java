package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address block in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}), parsed without any DNS lookup.
 *
 * @param prefix the block's address bytes (4 or 16)
 * @param length the prefix length in bits
 */
public record AddressBlock(byte[] prefix, int length) {

	/**
	 * Parses {@code a.b.c.d/n} or {@code x:y::z/n}; a bare address means a single-address block.
	 * @throws IllegalArgumentException if {@code cidr} is not an IP literal with a valid prefix length
	 */
	public static AddressBlock parse(String cidr) {
		int slash = cidr.indexOf('/');
		String literal = (slash < 0) ? cidr.trim() : cidr.substring(0, slash).trim();
		byte[] bytes = literalBytes(literal);
		int length;
		try {
			length = (slash < 0) ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1).trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a CIDR block: " + cidr);
		}
		if (length < 0 || length > bytes.length * 8) {
			throw new IllegalArgumentException("Prefix length out of range: " + cidr);
		}
		return new AddressBlock(bytes, length);
	}

	/** Whether {@code address} (4 or 16 bytes) lies in this block; an IPv4 block never contains IPv6 bytes. */
	public boolean contains(byte[] address) {
		if (address.length != this.prefix.length) {
			return false;
		}
		int full = this.length / 8;
		for (int i = 0; i < full; i++) {
			if (address[i] != this.prefix[i]) {
				return false;
			}
		}
		int rest = this.length % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (address[full] & mask) == (this.prefix[full] & mask);
	}

	public boolean contains(InetAddress address) {
		return contains(address.getAddress());
	}

	private static byte[] literalBytes(String literal) {
		boolean ipv6 = literal.contains(":");
		boolean ipv4 = !ipv6 && literal.matches("\\d{1,3}(\\.\\d{1,3}){3}");
		if (!ipv4 && !ipv6) {
			// InetAddress.getByName would resolve a name through DNS; a block is always a literal
			throw new IllegalArgumentException("Not an IP literal: " + literal);
		}
		try {
			byte[] bytes = InetAddress.getByName(literal).getAddress();
			if (ipv6 && bytes.length == 4) {
				throw new IllegalArgumentException("Write IPv4-mapped blocks in IPv4 notation: " + literal);
			}
			return bytes;
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Not an IP literal: " + literal, ex);
		}
	}

}
