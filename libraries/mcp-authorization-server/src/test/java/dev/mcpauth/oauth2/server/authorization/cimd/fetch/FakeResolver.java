package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DNS stand-in: fixed answers per name, every question recorded, unknown names fail. No real lookup ever
 * happens, so SSRF tests can use names like {@code cimd.test} that resolve to loopback.
 */
public final class FakeResolver implements AddressResolver {

	private final Map<String, List<String>> answers;

	private final List<String> questions = new CopyOnWriteArrayList<>();

	public FakeResolver(Map<String, List<String>> answers) {
		this.answers = answers;
	}

	public static FakeResolver of(String host, String... addresses) {
		return new FakeResolver(Map.of(host, List.of(addresses)));
	}

	public List<String> questions() {
		return this.questions;
	}

	@Override
	public List<InetAddress> resolve(String host) throws UnknownHostException {
		this.questions.add(host);
		List<String> literals = this.answers.get(host);
		if (literals == null) {
			throw new UnknownHostException(host);
		}
		return literals.stream().map(SpecialUseAddressesTest::address).toList();
	}

}
