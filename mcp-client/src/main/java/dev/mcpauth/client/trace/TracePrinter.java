package dev.mcpauth.client.trace;

import java.io.PrintStream;
import java.util.regex.Pattern;

import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;

/**
 * Prints the step-by-step trace of docs/contracts.md: numbered step headers ({@code [1] Discovery}), detail lines
 * indented by four spaces, and one closing success line. Steps are numbered in the order they happen, so the same
 * printer serves the demo journey and any other server. Callers pass display text only; nothing secret is ever handed
 * to the printer. It is the listener of the library's authorization flow, which reports its steps here.
 */
public final class TracePrinter implements AuthorizationTraceListener {

	/** Line breaks, other whitespace runs, and control and format characters (ANSI escapes, bidi overrides). */
	private static final Pattern NOT_ONE_LINE = Pattern.compile("[\\s\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]+");

	private final PrintStream out;

	private final Verbosity verbosity;

	private int steps;

	public TracePrinter(PrintStream out, Verbosity verbosity) {
		this.out = out;
		this.verbosity = verbosity;
	}

	@Override
	public synchronized void step(String title) {
		this.steps++;
		if (this.verbosity != Verbosity.QUIET) {
			this.out.println("[" + this.steps + "] " + oneLine(title));
			this.out.flush();
		}
	}

	@Override
	public synchronized void detail(String line) {
		if (this.verbosity != Verbosity.QUIET) {
			this.out.println("    " + oneLine(line));
			this.out.flush();
		}
	}

	/** A detail line shown only with {@code --verbose}, e.g. each HTTP request of the discovery. */
	@Override
	public synchronized void verbose(String line) {
		if (this.verbosity == Verbosity.VERBOSE) {
			this.out.println("    . " + oneLine(line));
			this.out.flush();
		}
	}

	public synchronized void success(String summary) {
		this.out.println("=== Success: " + oneLine(summary) + " ===");
		this.out.flush();
	}

	/**
	 * Much of what is printed comes from the network (an {@code error_description}, metadata values, tool results):
	 * printed as one line without control characters, it can neither forge trace lines nor drive the terminal.
	 */
	public static String oneLine(String text) {
		return NOT_ONE_LINE.matcher(String.valueOf(text)).replaceAll(" ").strip();
	}

	public synchronized int stepCount() {
		return this.steps;
	}

	public Verbosity verbosity() {
		return this.verbosity;
	}

}
