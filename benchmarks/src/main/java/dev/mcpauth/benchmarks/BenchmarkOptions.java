package dev.mcpauth.benchmarks;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The runner's command line.
 *
 * @param smoke seconds-long run with tiny counts (CI): proves every scenario works, says nothing about speed
 * @param scenarios which parts to run
 * @param jfr record a JFR profile of every server and summarise it
 * @param appsDir where the services' {@code -exec.jar} files are
 * @param outputDir where results.json, logs and recordings go
 * @param keycloakJava the JDK (21+) Keycloak runs on, or {@code null} to look in {@code /usr/lib/jvm}
 * @param keycloakFirst run Keycloak before the auth-server in the side-by-side scenario (to see whether the order,
 * i.e. the machine's load drifting, favours one of them)
 * @param productionDatabase the PostgreSQL JDBC URL the production start configuration's server stores its state in
 * (a schema of its own per run), or {@code null} for the embedded in-memory database
 */
public record BenchmarkOptions(boolean smoke, Set<Scenario> scenarios, boolean jfr,
		Path appsDir, Path outputDir, Path keycloakJava, boolean keycloakFirst, String productionDatabase) {

	static final String USAGE = """
			usage: java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar [options]
			  --smoke              a few seconds with tiny counts (what CI runs); numbers mean nothing
			  --only=a,b           scenarios to run: rs, as, cimd, demo, jmh, keycloak, start (default: all;
			                       with --smoke all but keycloak, which needs its distribution: -Pkeycloak,
			                       and start, whose class data sharing training run takes half a minute)
			  --skip=a,b           scenarios to leave out, e.g. --skip=keycloak
			  --jfr                record a JFR profile of each server and print where its CPU goes
			  --apps-dir=DIR       where *-exec.jar are (default: target/apps next to this jar)
			  --output-dir=DIR     results.json, logs, recordings (default: the jar's target directory)
			  --keycloak-java=DIR  the JDK 21+ for Keycloak (default: the newest in /usr/lib/jvm)
			  --keycloak-first     side by side: Keycloak first, then the auth-server (default: the other way)
			  --production-database=JDBC_URL
			                       the production start's server on this PostgreSQL (a new schema per run;
			                       e.g. $(scripts/postgres.sh start)) instead of the embedded in-memory database
			""";

	/** The parts of a run. */
	public enum Scenario {

		/** Resource server with and without security. */
		RS,
		/** Authorization code + PKCE flows and refresh grants. */
		AS,
		/** First (cold CIMD fetch) against cached authorizations; runs with AS on the same server. */
		CIMD,
		/** The one-command demo. */
		DEMO,
		/** JMH micro-benchmarks. */
		JMH,
		/**
		 * The auth-server and Keycloak side by side: the same grants under the same load (issue 18), with the
		 * auth-server's production start configuration as a third server.
		 */
		KEYCLOAK,
		/** The same without Keycloak: the auth-server with the benchmark's JVM options and with its production start. */
		START

	}

	public BenchmarkOptions {
		scenarios = scenarios.isEmpty() ? EnumSet.noneOf(Scenario.class) : EnumSet.copyOf(scenarios);
	}

	/**
	 * @param defaultTarget the directory of the runner's jar
	 * @throws IllegalArgumentException with a one-line message for a bad option
	 */
	static BenchmarkOptions parse(Path defaultTarget, String... args) {
		boolean smoke = false;
		boolean jfr = false;
		Set<Scenario> scenarios = EnumSet.allOf(Scenario.class);
		Path appsDir = null;
		Path outputDir = null;
		Path keycloakJava = null;
		boolean only = false;
		boolean keycloakFirst = false;
		String productionDatabase = null;
		for (String arg : args) {
			if (arg.equals("--smoke")) {
				smoke = true;
			}
			else if (arg.equals("--jfr")) {
				jfr = true;
			}
			else if (arg.startsWith("--only=")) {
				scenarios = scenarios(value(arg));
				only = true;
			}
			else if (arg.startsWith("--skip=")) {
				scenarios.removeAll(scenarios(value(arg)));
			}
			else if (arg.startsWith("--apps-dir=")) {
				appsDir = Path.of(value(arg));
			}
			else if (arg.startsWith("--output-dir=")) {
				outputDir = Path.of(value(arg));
			}
			else if (arg.equals("--keycloak-first")) {
				keycloakFirst = true;
			}
			else if (arg.startsWith("--keycloak-java=")) {
				keycloakJava = Path.of(value(arg));
			}
			else if (arg.startsWith("--production-database=")) {
				productionDatabase = value(arg);
				if (!productionDatabase.startsWith("jdbc:postgresql://")) {
					throw new IllegalArgumentException("--production-database needs a jdbc:postgresql:// URL");
				}
			}
			else {
				throw new IllegalArgumentException("unknown option " + arg);
			}
		}
		if (smoke && !only) {
			// CI's smoke run never downloads or starts Keycloak, nor trains a class data sharing archive; --only asks
			scenarios.remove(Scenario.KEYCLOAK);
			scenarios.remove(Scenario.START);
		}
		Path target = (outputDir != null) ? outputDir : defaultTarget;
		return new BenchmarkOptions(smoke, scenarios, jfr, (appsDir != null) ? appsDir : defaultTarget.resolve("apps"),
				target, keycloakJava, keycloakFirst, productionDatabase);
	}

	public boolean runs(Scenario scenario) {
		return this.scenarios.contains(scenario);
	}

	private static String value(String arg) {
		String value = arg.substring(arg.indexOf('=') + 1);
		if (value.isBlank()) {
			throw new IllegalArgumentException(arg + " needs a value");
		}
		return value;
	}

	private static Set<Scenario> scenarios(String list) {
		Set<Scenario> scenarios = EnumSet.noneOf(Scenario.class);
		for (String name : list.split(",")) {
			try {
				scenarios.add(Scenario.valueOf(name.trim().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("unknown scenario " + name + " (rs, as, cimd, demo, jmh, keycloak, start)");
			}
		}
		return scenarios;
	}

}
