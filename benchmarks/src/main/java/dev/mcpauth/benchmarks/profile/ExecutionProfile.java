package dev.mcpauth.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * Summarises the {@code jdk.ExecutionSample} events, after start-up, of a JFR recording (what {@code jfr print --events
 * jdk.ExecutionSample} lists): the methods on top of the sampled stacks (self time) and the code areas that
 * do the work (innermost named frame) or include it anywhere in the stack (total time), so a reader sees what
 * dominates a server's CPU.
 */
public final class ExecutionProfile {

	/**
	 * Code areas worth naming, matched against a frame's class name; in this order, so the specific ones come
	 * first. Areas that hold filters sit on nearly every request's stack below all the rest (Spring Security's and
	 * this project's filters, the servlet container, Spring's dispatching), so they only take the time they spend
	 * themselves, not a total.
	 */
	private static final List<Area> AREAS = List.of(new Area("RSA signature (JDK crypto)", "sun.security.rsa.", true),
			new Area("BigInteger arithmetic", "java.math.BigInteger", true),
			new Area("Nimbus JOSE (JWT/JWS)", "com.nimbusds.", true), new Area("H2 database", "org.h2.", true),
			new Area("Spring JDBC", "org.springframework.jdbc.", true), new Area("Jackson", "tools.jackson.", true),
			new Area("Jackson 2", "com.fasterxml.jackson.", true), new Area("MCP SDK", "io.modelcontextprotocol.", true),
			new Area("Spring Authorization Server", "org.springframework.security.oauth2.server.authorization.", false),
			new Area("Spring Security OAuth2 (resource server, JOSE)", "org.springframework.security.oauth2.", false),
			new Area("logging", "ch.qos.logback.", true), new Area("regular expressions", "java.util.regex.", true),
			new Area("this project", "dev.mcpauth.", false),
			new Area("Spring Security web filters", "org.springframework.security.web.", false),
			new Area("Tomcat", "org.apache.", false),
			new Area("Spring Framework (core, MVC)", "org.springframework.", false));

	private static final String OTHER = "other (JDK, Spring core, ...)";

	private ExecutionProfile() {
	}

	/**
	 * @param recording a {@code .jfr} file
	 * @param since samples before this instant (the server's start-up) are left out
	 * @param top how many methods and areas to keep
	 */
	public static Summary summarise(Path recording, Instant since, int top) throws IOException {
		Map<String, Integer> selfByMethod = new HashMap<>();
		Map<String, Integer> selfByArea = new HashMap<>();
		Map<String, Integer> totalByArea = new HashMap<>();
		int samples = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				RecordedStackTrace stack = "jdk.ExecutionSample".equals(event.getEventType().getName())
						? event.getStackTrace() : null;
				if (stack == null || stack.getFrames().isEmpty() || event.getStartTime().isBefore(since)) {
					continue;
				}
				samples++;
				List<RecordedFrame> frames = stack.getFrames();
				selfByMethod.merge(name(frames.get(0)), 1, Integer::sum);
				String innermost = null;
				Set<String> onStack = new HashSet<>();
				for (RecordedFrame frame : frames) {
					Area area = areaOf(frame.getMethod().getType().getName());
					if (area != null) {
						innermost = (innermost != null) ? innermost : area.name();
						if (area.inclusive()) {
							onStack.add(area.name());
						}
					}
				}
				selfByArea.merge((innermost != null) ? innermost : OTHER, 1, Integer::sum);
				onStack.forEach((area) -> totalByArea.merge(area, 1, Integer::sum));
			}
		}
		return new Summary(recording.getFileName().toString(), samples, ranked(selfByMethod, samples, top),
				ranked(selfByArea, samples, top), ranked(totalByArea, samples, top));
	}

	private static Area areaOf(String type) {
		for (Area area : AREAS) {
			if (type.startsWith(area.prefix())) {
				return area;
			}
		}
		return null;
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
	 * @param byArea code areas by share of samples whose innermost named frame is theirs (the JDK code they call
	 * counts for them)
	 * @param inStack code areas by share of samples that have them anywhere on the stack (total time)
	 */
	public record Summary(String recording, int samples, List<Share> topOfStack, List<Share> byArea,
			List<Share> inStack) {
	}

	/**
	 * @param name shown in the summary
	 * @param prefix class name prefix
	 * @param inclusive whether the area's total time (anywhere on the stack) is worth showing
	 */
	private record Area(String name, String prefix, boolean inclusive) {
	}

	/**
	 * @param name a method ({@code Class.method}) or a code area
	 * @param percent share of all samples
	 */
	public record Share(String name, double percent) {
	}

}
