package dev.mcpauth.oauth2.client.cimd;

import java.util.List;
import java.util.function.Supplier;

/** Creates the real location (typically an embedded host, which binds a port) only when a client id is needed. */
final class LazyClientMetadataDocumentLocation implements ClientMetadataDocumentLocation {

	private final Supplier<? extends ClientMetadataDocumentLocation> factory;

	private ClientMetadataDocumentLocation location;

	LazyClientMetadataDocumentLocation(Supplier<? extends ClientMetadataDocumentLocation> factory) {
		this.factory = factory;
	}

	@Override
	public synchronized String clientId() {
		if (this.location == null) {
			this.location = this.factory.get();
		}
		return this.location.clientId();
	}

	@Override
	public synchronized List<String> takeFetches() {
		return this.location == null ? List.of() : this.location.takeFetches();
	}

	@Override
	public synchronized void close() {
		if (this.location != null) {
			this.location.close();
		}
	}

}
