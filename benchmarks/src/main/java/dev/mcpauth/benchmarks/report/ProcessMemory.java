package dev.mcpauth.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resident memory of a process and its descendants, from {@code /proc/<pid>/status} (Linux): {@code VmRSS} now and
 * {@code VmHWM}, its high-water mark. Zero where {@code /proc} is not there.
 *
 * @param rssMib resident set now
 * @param peakMib the highest resident set so far
 */
public record ProcessMemory(long rssMib, long peakMib) {

	public static ProcessMemory of(long pid) {
		long rss = 0;
		long peak = 0;
		List<Long> pids = new java.util.ArrayList<>();
		pids.add(pid);
		ProcessHandle.of(pid).ifPresent((handle) -> handle.descendants().forEach((child) -> pids.add(child.pid())));
		for (long each : pids) {
			try {
				List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(each), "status"));
				rss += kib(status, "VmRSS:");
				peak += kib(status, "VmHWM:");
			}
			catch (IOException | RuntimeException ex) {
				// gone, or no /proc
			}
		}
		return new ProcessMemory(rss / 1024, peak / 1024);
	}

	static long kib(List<String> status, String field) {
		for (String line : status) {
			if (line.startsWith(field)) {
				return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
			}
		}
		return 0;
	}

}
