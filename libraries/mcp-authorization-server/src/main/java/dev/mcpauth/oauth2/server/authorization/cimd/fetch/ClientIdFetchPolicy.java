package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdMetadataDocumentException;
import dev.mcpauth.oauth2.server.authorization.cimd.ClientIdUrlPolicy;

/**
 * Which {@code client_id} values the server would fetch a document for: URLs that both the CIMD syntax rules
 * ({@link ClientIdUrlPolicy}) and the operator's trust policy ({@link CimdUrlPolicy}) accept without network
 * access. The authorization endpoint asks the user to log in before such a fetch (checklist AS-25,
 * {@link AuthenticateBeforeFetchFilter}); anything else is refused at once, without a fetch.
 */
public final class ClientIdFetchPolicy implements Predicate<String> {

	private final ClientIdUrlPolicy syntax;

	private final CimdUrlPolicy hardened;

	public ClientIdFetchPolicy(ClientIdUrlPolicy syntax, CimdUrlPolicy hardened) {
		this.syntax = syntax;
		this.hardened = hardened;
	}

	/** https only, no host policy: the production default. */
	public static ClientIdFetchPolicy strict() {
		return new ClientIdFetchPolicy(new ClientIdUrlPolicy(false), new CimdUrlPolicy(List.of(), List.of(), false));
	}

	/**
	 * The addresses a development setup may fetch from: loopback when {@code allowHttpAndLoopback} is on, plus the
	 * given CIDR blocks. Empty (the production case) when neither is set.
	 */
	public static DevelopmentAllowlist developmentAllowlist(boolean allowHttpAndLoopback, List<String> extraBlocks) {
		List<AddressBlock> blocks = new ArrayList<>();
		if (allowHttpAndLoopback) {
			blocks.addAll(DevelopmentAllowlist.loopback().blocks());
		}
		extraBlocks.stream().map(AddressBlock::parse).forEach(blocks::add);
		return new DevelopmentAllowlist(blocks);
	}

	/** Whether resolving this {@code client_id} would fetch a document. */
	@Override
	public boolean test(String clientId) {
		if (!ClientIdUrlPolicy.looksLikeUrl(clientId)) {
			return false;
		}
		try {
			this.syntax.check(clientId);
			this.hardened.check(clientId);
			return true;
		}
		catch (ClientIdMetadataDocumentException ex) {
			return false; // refused without network access: the endpoint shows the error page at once
		}
	}

}
