package dev.mcpauth.authserver.cimd.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mcpauth.oauth2.server.authorization.cimd.fetch.AddressResolver;

/**
 * A DNS stand-in: fixed answers per name, every question recorded, unknown names fail. No real lookup ever
 * happens, so SSRF tests can use names like {@code cimd.test} that resolve to loopback.
 */
final class FakeResolver implements AddressResolver {

	private final Map<String, List<String>> answers;

	private final List<String> questions = new CopyOnWriteArrayList<>();

	FakeResolver(Map<String, List<String>> answers) {
		this.answers = answers;
	}

	static FakeResolver of(String host, String... addresses) {
		return new FakeResolver(Map.of(host, List.of(addresses)));
	}

	List<String> questions() {
		return this.questions;
	}

	@Override
	public List<InetAddress> resolve(String host) throws UnknownHostException {
		this.questions.add(host);
		List<String> literals = this.answers.get(host);
		if (literals == null) {
			throw new UnknownHostException(host);
		}
		return literals.stream().map(FakeResolver::address).toList();
	}

	/** Parses a literal without DNS, keeping IPv4-mapped IPv6 spellings as {@link Inet6Address}. */
	static InetAddress address(String literal) {
		try {
			InetAddress parsed = InetAddress.getByName(literal);
			if (!literal.contains(":") || parsed instanceof Inet6Address) {
				return parsed;
			}
			byte[] mapped = new byte[16];
			mapped[10] = (byte) 0xFF;
			mapped[11] = (byte) 0xFF;
			System.arraycopy(parsed.getAddress(), 0, mapped, 12, 4);
			return Inet6Address.getByAddress(null, mapped, -1);
		}
		catch (Exception ex) {
			throw new IllegalArgumentException(literal, ex);
		}
	}

}
