package dev.mcpauth.demo.containers;

import java.util.List;

/**
 * One finished run of the client container.
 *
 * @param exitCode the container's exit code (the client's: 0 on success)
 * @param stdout the client's standard output, line by line: the trace
 * @param stderr the client's standard error (one line on failure)
 */
record ClientRun(long exitCode, List<String> stdout, String stderr) {

	@Override
	public String toString() {
		return "client exit " + this.exitCode + "\n--- stdout\n" + String.join("\n", this.stdout) + "\n--- stderr\n"
				+ this.stderr;
	}

}
