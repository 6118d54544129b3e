package dev.mcpauth.authserver.audit;

/**
 * The audit event types this server records (docs/operations.md "Audit events").
 */
public final class AuditEventTypes {

	public static final String LOGIN_SUCCESS = "LOGIN_SUCCESS";

	public static final String LOGIN_FAILURE = "LOGIN_FAILURE";

	public static final String CONSENT_GRANTED = "CONSENT_GRANTED";

	public static final String CONSENT_DENIED = "CONSENT_DENIED";

	public static final String CONSENT_REVOKED = "CONSENT_REVOKED";

	public static final String CLIENT_REGISTERED = "CLIENT_REGISTERED";

	public static final String CIMD_CLIENT_FIRST_SEEN = "CIMD_CLIENT_FIRST_SEEN";

	public static final String CIMD_DOCUMENT_CHANGED = "CIMD_DOCUMENT_CHANGED";

	public static final String TOKEN_ISSUED = "TOKEN_ISSUED";

	public static final String REFRESH_TOKEN_REUSE = "REFRESH_TOKEN_REUSE";

	public static final String AUTHORIZATION_CODE_REPLAY = "AUTHORIZATION_CODE_REPLAY";

	private AuditEventTypes() {
	}

}
