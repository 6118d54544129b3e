package dev.mcpauth.client.trace;

import java.io.PrintStream;

/**
 * Prints the step-by-step trace of docs/contracts.md: numbered step headers ({@code [1] Discovery}), detail lines
 * indented by four spaces, and one closing success line. Steps are numbered in the order they happen, so the same
 * printer serves the demo journey and any other server. Callers pass display text only; nothing secret is ever handed
 * to the printer.
 */
public final class TracePrinter {

	private final PrintStream out;

	private final Verbosity verbosity;

	private int steps;

	public TracePrinter(PrintStream out, Verbosity verbosity) {
		this.out = out;
		this.verbosity = verbosity;
	}

	public synchronized void step(String title) {
		this.steps++;
		if (this.verbosity != Verbosity.QUIET) {
			this.out.println("[" + this.steps + "] " + title);
			this.out.flush();
		}
	}

	public synchronized void detail(String line) {
		if (this.verbosity != Verbosity.QUIET) {
			this.out.println("    " + line);
			this.out.flush();
		}
	}

	/** A detail line shown only with {@code --verbose}, e.g. each HTTP request of the discovery. */
	public synchronized void verbose(String line) {
		if (this.verbosity == Verbosity.VERBOSE) {
			this.out.println("    . " + line);
			this.out.flush();
		}
	}

	public synchronized void success(String summary) {
		this.out.println("=== Success: " + summary + " ===");
		this.out.flush();
	}

	public synchronized int stepCount() {
		return this.steps;
	}

	public Verbosity verbosity() {
		return this.verbosity;
	}

}
