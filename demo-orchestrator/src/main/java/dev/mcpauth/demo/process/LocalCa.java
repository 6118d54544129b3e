package dev.mcpauth.demo.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The demo's throw-away certificate directory ({@code scripts/tls-certs.sh}): checks that it is complete and gives
 * the orchestrator's own readiness probe a context that trusts that CA only.
 */
public final class LocalCa {

	static final List<String> FILES = List.of("ca.crt", "server.crt", "server.key");

	private LocalCa() {
	}

	/** @throws IllegalStateException naming the missing file and how to make it */
	public static void requireComplete(Path dir) {
		for (String file : FILES) {
			if (!Files.isRegularFile(dir.resolve(file))) {
				throw new IllegalStateException("no " + file + " in " + dir + "; make the local CA and server "
						+ "certificate with scripts/tls-certs.sh " + dir + " (demo.sh --tls does)");
			}
		}
	}

	/** An SSL context trusting {@code dir/ca.crt} and nothing else. */
	public static SSLContext trustContext(Path dir) {
		try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			int i = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				store.setCertificateEntry("local-ca-" + i++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + dir.resolve("ca.crt"), ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot use " + dir.resolve("ca.crt") + ": " + ex.getMessage(), ex);
		}
	}

}
