package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

/**
 * Why an address may not be fetched from: the special-use block it falls in.
 *
 * @param block the block in CIDR notation, e.g. {@code 169.254.0.0/16}
 * @param name the block's name in the IANA special-purpose registry, e.g. {@code link-local}
 * @param loopback whether the block is loopback, the only kind the development allowance may permit
 */
public record SpecialUse(String block, String name, boolean loopback) {

	/** The same block reached through an IPv6 translation form, e.g. {@code IPv4-mapped}. */
	SpecialUse via(String translation) {
		return new SpecialUse(this.block, this.name + " via " + translation, this.loopback);
	}

	@Override
	public String toString() {
		return this.name + " " + this.block;
	}

}
