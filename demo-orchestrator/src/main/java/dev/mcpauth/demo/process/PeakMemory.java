package dev.mcpauth.demo.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peak resident memory (Linux {@code VmHWM}, the high-water mark of RSS) of the processes of a run. A child's
 * value can only be read while it lives, so {@link #sample} is called periodically and keeps the largest value
 * seen; elsewhere than Linux nothing is measured.
 */
public final class PeakMemory {

	private final Map<String, Long> peakKib = new ConcurrentHashMap<>();

	private final Map<String, Long> pids = Collections.synchronizedMap(new LinkedHashMap<>());

	public static boolean supported() {
		return Files.isReadable(Path.of("/proc/self/status"));
	}

	public void watch(String name, long pid) {
		this.pids.put(name, pid);
	}

	/** Reads the current high-water mark of every watched process that still runs. */
	public void sample() {
		Map<String, Long> watched;
		synchronized (this.pids) {
			watched = new LinkedHashMap<>(this.pids);
		}
		watched.forEach((name, pid) -> highWaterMarkKib(pid).ifPresent(kib -> this.peakKib.merge(name, kib, Math::max)));
	}

	/** Peak RSS in MiB per process name, in the order the processes were first measured. */
	public Map<String, Long> peaksMib() {
		Map<String, Long> result = new LinkedHashMap<>();
		List<String> names;
		synchronized (this.pids) {
			names = List.copyOf(this.pids.keySet());
		}
		names.forEach(name -> {
			Long kib = this.peakKib.get(name);
			if (kib != null) {
				result.put(name, kib / 1024);
			}
		});
		return result;
	}

	static Optional<Long> highWaterMarkKib(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmHWM:")) {
					return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// the process is gone or the platform has no /proc
		}
		return Optional.empty();
	}

}
