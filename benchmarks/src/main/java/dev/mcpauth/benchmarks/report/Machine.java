package dev.mcpauth.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Where the numbers were measured. The load average matters on a shared machine: it says how much else ran.
 *
 * @param cores processors available to the JVM (the servers and the load generator share them)
 * @param totalMemoryMib total memory
 * @param jdk {@code java.vm.name java.runtime.version}
 * @param os {@code os.name os.version os.arch}
 * @param startedAt when the run started
 * @param loadAverage the 1-, 5- and 15-minute load averages when this was read
 * @param serverJvmOptions options of every server JVM under load
 */
public record Machine(int cores, long totalMemoryMib, String jdk, String os, Instant startedAt, String loadAverage,
		List<String> serverJvmOptions) {

	public static Machine current(List<String> serverJvmOptions) {
		return new Machine(Runtime.getRuntime().availableProcessors(), readTotalMemoryMib(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"),
				Instant.now(), currentLoadAverage(), List.copyOf(serverJvmOptions));
	}

	/** The first three fields of {@code /proc/loadavg}, or "n/a" where there is none. */
	public static String currentLoadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "n/a";
		}
	}

	private static long readTotalMemoryMib() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: unknown
		}
		return 0;
	}

}
