package dev.mcpauth.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the {@code jdk.ExecutionSample} events of a JFR recording (what {@code jfr print --events
 * jdk.ExecutionSample} lists): the methods on top of the sampled stacks (self time) and the code areas that
 * include them anywhere in the stack (total time), so a reader sees what dominates a server's CPU.
 */
public final class ExecutionProfile {

	/** Code areas worth naming, matched against the frame's class name (first match wins per frame). */
	private static final List<String[]> AREAS = List.of(new String[] { "RSA signature (JDK crypto)", "sun.security.rsa." },
			new String[] { "BigInteger arithmetic", "java.math.BigInteger" },
			new String[] { "Nimbus JOSE (JWT/JWS)", "com.nimbusds." },
			new String[] { "Spring Authorization Server", "org.springframework.security.oauth2.server.authorization." },
			new String[] { "Spring Security web filters", "org.springframework.security.web." },
			new String[] { "H2 database", "org.h2." }, new String[] { "Spring JDBC", "org.springframework.jdbc." },
			new String[] { "Jackson", "tools.jackson." }, new String[] { "Jackson 2", "com.fasterxml.jackson." },
			new String[] { "MCP SDK", "io.modelcontextprotocol." }, new String[] { "Tomcat", "org.apache." },
			new String[] { "this project", "dev.mcpauth." }, new String[] { "logging", "ch.qos.logback." },
			new String[] { "regular expressions", "java.util.regex." });

	private ExecutionProfile() {
	}

	/**
	 * @param recording a {@code .jfr} file
	 * @param top how many methods and areas to keep
	 */
	public static Summary summarise(Path recording, int top) throws IOException {
		Map<String, Integer> selfByMethod = new HashMap<>();
		Map<String, Integer> totalByArea = new HashMap<>();
		int samples = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
					continue;
				}
				RecordedStackTrace stack = event.getStackTrace();
				if (stack == null || stack.getFrames().isEmpty()) {
					continue;
				}
				samples++;
				List<RecordedFrame> frames = stack.getFrames();
				selfByMethod.merge(name(frames.get(0)), 1, Integer::sum);
				Set<String> areas = new HashSet<>();
				for (RecordedFrame frame : frames) {
					String type = frame.getMethod().getType().getName();
					for (String[] area : AREAS) {
						if (type.startsWith(area[1])) {
							areas.add(area[0]);
							break;
						}
					}
				}
				areas.forEach((area) -> totalByArea.merge(area, 1, Integer::sum));
			}
		}
		return new Summary(recording.getFileName().toString(), samples, ranked(selfByMethod, samples, top),
				ranked(totalByArea, samples, top));
	}

	public static boolean exists(Path recording) {
		return Files.isRegularFile(recording);
	}

	private static String name(RecordedFrame frame) {
		String type = frame.getMethod().getType().getName();
		return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
	}

	private static List<Share> ranked(Map<String, Integer> counts, int samples, int top) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
			.limit(top)
			.map((e) -> new Share(e.getKey(), 100.0 * e.getValue() / Math.max(1, samples)))
			.toList();
	}

	/**
	 * @param recording the file name
	 * @param samples execution samples in it
	 * @param topOfStack methods by share of samples in which they were the running frame (self time)
	 * @param inStack code areas by share of samples that have them anywhere on the stack (total time)
	 */
	public record Summary(String recording, int samples, List<Share> topOfStack, List<Share> inStack) {
	}

	/**
	 * @param name a method ({@code Class.method}) or a code area
	 * @param percent share of all samples
	 */
	public record Share(String name, double percent) {
	}

}
