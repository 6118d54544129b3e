package dev.mcpauth.client.trace;

/** How much of the flow the trace shows. */
public enum Verbosity {

	/** Only the final success line (failures still go to stderr). */
	QUIET,
	/** Step headers and their detail lines (the format of docs/contracts.md). */
	NORMAL,
	/** Also every HTTP exchange of the OAuth flow, without any secret. */
	VERBOSE

}
