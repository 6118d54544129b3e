package dev.mcpauth.demo.process;

import java.util.List;

/** A service did not become ready: it exited, or it did not answer in time. Carries the end of its log. */
public class ServiceStartException extends Exception {

	private final transient List<String> logTail;

	public ServiceStartException(String message, List<String> logTail) {
		super(message);
		this.logTail = List.copyOf(logTail);
	}

	public List<String> logTail() {
		return this.logTail;
	}

}
