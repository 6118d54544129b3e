package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AS-25 / CIMD-01 §6.5: every special-use block of RFC 6890 and the IANA registries, its edges, and the IPv6 forms
 * that embed an IPv4 address. Each row names the address and the block it must be refused for.
 */
class SpecialUseAddressesTest {

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			0.0.0.0               | 0.0.0.0/8
			0.255.255.255         | 0.0.0.0/8
			10.0.0.0              | 10.0.0.0/8
			10.0.0.5              | 10.0.0.0/8
			10.255.255.255        | 10.0.0.0/8
			100.64.0.0            | 100.64.0.0/10
			100.127.255.255       | 100.64.0.0/10
			127.0.0.1             | 127.0.0.0/8
			127.1.2.3             | 127.0.0.0/8
			127.255.255.255       | 127.0.0.0/8
			169.254.0.1           | 169.254.0.0/16
			169.254.169.254       | 169.254.169.254/32
			169.254.255.255       | 169.254.0.0/16
			172.16.0.0            | 172.16.0.0/12
			172.31.255.255        | 172.16.0.0/12
			192.0.0.8             | 192.0.0.0/24
			192.0.0.170           | 192.0.0.0/24
			192.0.2.1             | 192.0.2.0/24
			192.31.196.1          | 192.31.196.0/24
			192.52.193.1          | 192.52.193.0/24
			192.88.99.1           | 192.88.99.0/24
			192.168.0.1           | 192.168.0.0/16
			192.168.255.255       | 192.168.0.0/16
			192.175.48.1          | 192.175.48.0/24
			198.18.0.0            | 198.18.0.0/15
			198.19.255.255        | 198.18.0.0/15
			198.51.100.7          | 198.51.100.0/24
			203.0.113.9           | 203.0.113.0/24
			224.0.0.1             | 224.0.0.0/4
			239.255.255.255       | 224.0.0.0/4
			240.0.0.1             | 240.0.0.0/4
			255.255.255.254       | 240.0.0.0/4
			255.255.255.255       | 255.255.255.255/32
			::                    | ::/128
			::1                   | ::1/128
			fc00::1               | fc00::/7
			fd12:3456:789a::1     | fc00::/7
			fe80::1               | fe80::/10
			febf:ffff::1          | fe80::/10
			fec0::1               | fec0::/10
			ff02::1               | ff00::/8
			ff0e::1               | ff00::/8
			2001:db8::1           | 2001:db8::/32
			2001:db8:ffff::1      | 2001:db8::/32
			3fff::1               | 3fff::/20
			2001::1               | 2001::/32
			2001:0:4136:e378::1   | 2001::/32
			2001:2::1             | 2001:2::/48
			2001:10::1            | 2001::/23
			2001:1ff::1           | 2001::/23
			2620:4f:8000::1       | 2620:4f:8000::/48
			64:ff9b:1::1          | 64:ff9b:1::/48
			100::1                | 100::/64
			::ffff:127.0.0.1      | 127.0.0.0/8
			::ffff:169.254.169.254| 169.254.169.254/32
			::ffff:10.1.2.3       | 10.0.0.0/8
			::ffff:0.0.0.0        | 0.0.0.0/8
			::127.0.0.1           | 127.0.0.0/8
			::10.0.0.1            | 10.0.0.0/8
			::8.8.8.8             | ::/96
			64:ff9b::127.0.0.1    | 127.0.0.0/8
			64:ff9b::a9fe:a9fe    | 169.254.169.254/32
			64:ff9b::192.168.1.1  | 192.168.0.0/16
			2002:7f00:1::         | 127.0.0.0/8
			2002:a9fe:a9fe::1     | 169.254.169.254/32
			2002:c0a8:101::1      | 192.168.0.0/16
			2002:0a00:0001::      | 10.0.0.0/8
			::2                   | 0.0.0.0/8
			1::1                  | 2000::/3
			4000::1               | 2000::/3
			5f00::1               | 2000::/3
			""")
	void refusesSpecialUseAddress(String literal, String expectedBlock) {
		Optional<SpecialUse> use = SpecialUseAddresses.classify(address(literal));

		assertThat(use).as(literal).isPresent();
		assertThat(use.get().block()).isEqualTo(expectedBlock);
	}

	@ParameterizedTest
	@ValueSource(strings = { "8.8.8.8", "1.1.1.1", "93.184.215.14", "9.255.255.255", "11.0.0.0", "100.63.255.255",
			"100.128.0.0", "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255",
			"172.32.0.0", "191.255.255.255", "192.0.1.0", "192.0.3.0", "192.167.255.255", "192.169.0.0",
			"198.17.255.255", "198.20.0.0", "198.51.99.255", "203.0.112.255", "223.255.255.255",
			"2606:4700:4700::1111", "2a00:1450:4001::1", "2001:200::1", "2001:db7:ffff::1", "2001:db9::1",
			"2003::1", "3ffe::1", "3fff:1000::1", "64:ff9b::8.8.8.8", "64:ff9b::1.1.1.1", "2002:0808:0808::1",
			"::ffff:8.8.8.8" })
	void acceptsPublicUnicastAddress(String literal) {
		assertThat(SpecialUseAddresses.classify(address(literal))).as(literal).isEmpty();
	}

	@Test
	void onlyLoopbackBlocksAreMarkedLoopback() {
		assertThat(SpecialUseAddresses.classify(address("127.0.0.1")).orElseThrow().loopback()).isTrue();
		assertThat(SpecialUseAddresses.classify(address("::1")).orElseThrow().loopback()).isTrue();
		assertThat(SpecialUseAddresses.classify(address("::ffff:127.0.0.1")).orElseThrow().loopback()).isTrue();
		assertThat(SpecialUseAddresses.classify(address("10.0.0.1")).orElseThrow().loopback()).isFalse();
		assertThat(SpecialUseAddresses.classify(address("169.254.169.254")).orElseThrow().loopback()).isFalse();
		assertThat(SpecialUseAddresses.classify(address("0.0.0.0")).orElseThrow().loopback()).isFalse();
		assertThat(SpecialUseAddresses.classify(address("::")).orElseThrow().loopback()).isFalse();
	}

	@Test
	void namesTheCloudMetadataEndpointAndTheTranslationForm() {
		assertThat(SpecialUseAddresses.classify(address("::ffff:169.254.169.254")).orElseThrow().name())
			.contains("cloud metadata")
			.contains("IPv4-mapped");
		assertThat(SpecialUseAddresses.classify(address("64:ff9b::a9fe:a9fe")).orElseThrow().name())
			.contains("NAT64");
		assertThat(SpecialUseAddresses.classify(address("2002:7f00:1::")).orElseThrow().name()).contains("6to4");
	}

	@Test
	void scopedLinkLocalIsStillLinkLocal() throws Exception {
		Inet6Address scoped = Inet6Address.getByAddress(null, address("fe80::1").getAddress(), 2);

		assertThat(SpecialUseAddresses.classify(scoped).orElseThrow().block()).isEqualTo("fe80::/10");
	}

	/**
	 * Parses a literal without DNS and keeps IPv6 spellings as {@link Inet6Address}: the JDK would turn
	 * {@code ::ffff:a.b.c.d} into an {@link Inet4Address}, but a socket API can hand us either form.
	 */
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
