package dev.mcpauth.demo.containers;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out (issue 14, docs/deployment.md): two authorization servers and two MCP servers behind HAProxy, sharing
 * one PostgreSQL, lose nothing when one of each is killed mid-run.
 * <p>
 * {@value #JOURNEYS} complete journeys ({@link ScaleOutJourney}: registration, login, consent, code with PKCE and
 * resource, MCP initialize and tools/call, refresh, tools/call) run through the proxy on {@value #WORKERS} workers.
 * When {@value #KILL_AFTER} have completed, {@code docker kill} takes {@code auth-server-1} and
 * {@code resource-server-1} away. Every journey must complete, at most after {@value #ATTEMPTS} attempts where an
 * attempt failed cleanly (OAuth errors and other spec-shaped answers, never a 500); MCP sessions of the killed replica get 404 and the
 * client re-initializes (MCP 2025-11-25 basic/transports, Session Management; RS-11 keeps the binding to the
 * token's subject and client on the replica that holds the session).
 */
@ExtendWith(DockerDaemon.class)
class ScaleOutIT {

	static final int JOURNEYS = 200;

	static final int WORKERS = 4;

	static final int KILL_AFTER = 70;

	static final int ATTEMPTS = 3;

	private static final int LONG_LIVED_SESSIONS = 6;

	private static final Duration RUN_TIME_LIMIT = Duration.ofMinutes(5);

	private static final Duration RECOVERY_TIME_LIMIT = Duration.ofSeconds(15);

	private static ScaleOutStack stack;

	private static final ScaleOutTraffic traffic = new ScaleOutTraffic();

	/** Journeys that needed more than one attempt, and why the first ones failed. */
	private static final List<String> retried = Collections.synchronizedList(new ArrayList<>());

	/** Journeys that did not complete: a 500, an unexpected answer, or no success within the attempts. */
	private static final List<String> lost = Collections.synchronizedList(new ArrayList<>());

	private static final AtomicInteger completed = new AtomicInteger();

	/** Per long-lived session: replica before the kill, replica after, re-initialized, seconds to answer. */
	private static final List<SessionAfterKill> sessionsAfterKill = Collections.synchronizedList(new ArrayList<>());

	private static final List<String> sticky = Collections.synchronizedList(new ArrayList<>());

	private static String proxyStats = "";

	private static long runMillis;

	private static boolean finishedInTime;

	record SessionAfterKill(String before, String after, boolean reinitialized, double seconds, String failure) {
	}

	@BeforeAll
	static void runTheJourneysAndKillOneReplicaOfEach() throws Exception {
		DockerDaemon.require();
		stack = ScaleOutStack.start(RepositoryLayout.find());

		// Long-lived MCP sessions, opened before the run with one journey's token: spread over both replicas by
		// round robin, then pinned to theirs by Mcp-Session-Id.
		String accessToken = new ScaleOutJourney(stack, traffic).run();
		List<ScaleOutJourney> sessions = new ArrayList<>();
		List<String> holders = new ArrayList<>();
		for (int i = 0; i < LONG_LIVED_SESSIONS; i++) {
			ScaleOutJourney session = new ScaleOutJourney(stack, traffic);
			holders.add(session.open(accessToken));
			sessions.add(session);
		}
		for (int i = 0; i < LONG_LIVED_SESSIONS; i++) {
			for (int call = 0; call < 3; call++) {
				sticky.add(holders.get(i) + " -> " + sessions.get(i).callWhoAmI(accessToken));
			}
		}

		CountDownLatch killTime = new CountDownLatch(KILL_AFTER);
		Thread killer = new Thread(() -> killAndRevisit(killTime, sessions, holders, accessToken), "scale-out-killer");
		killer.start();
		AtomicInteger next = new AtomicInteger();
		ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
		long started = System.nanoTime();
		for (int w = 0; w < WORKERS; w++) {
			workers.execute(() -> {
				for (int journey = next.getAndIncrement(); journey < JOURNEYS; journey = next.getAndIncrement()) {
					runWithRetries(journey);
					completed.incrementAndGet();
					killTime.countDown();
				}
			});
		}
		workers.shutdown();
		finishedInTime = workers.awaitTermination(RUN_TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
		runMillis = (System.nanoTime() - started) / 1_000_000;
		workers.shutdownNow();
		killer.join(RECOVERY_TIME_LIMIT.toMillis() * LONG_LIVED_SESSIONS);
		proxyStats = perServerStats();
		System.out.printf("[scale-out] %d journeys in %d ms on %d workers; %s; retried %d: %s; lost %d: %s%n"
				+ "[scale-out] long-lived sessions after the kill: %s%n[scale-out] HAProxy per server: %s%n",
				completed.get(), runMillis, WORKERS, traffic, retried.size(), retried, lost.size(), lost,
				sessionsAfterKill, proxyStats);
	}

	private static void runWithRetries(int journey) {
		List<String> failures = new ArrayList<>();
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			try {
				new ScaleOutJourney(stack, traffic).run();
				if (attempt > 1) {
					retried.add("#" + journey + " after " + failures);
				}
				return;
			}
			catch (ScaleOutJourney.CleanFailure ex) {
				failures.add(ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				lost.add("#" + journey + " interrupted (time limit)");
				return;
			}
			catch (AssertionError | RuntimeException ex) {
				lost.add("#" + journey + ": " + ex.getMessage());
				return;
			}
		}
		lost.add("#" + journey + " failed " + ATTEMPTS + " attempts: " + failures);
	}

	/** Kills one replica of each server, then uses every long-lived session once more. */
	private static void killAndRevisit(CountDownLatch killTime, List<ScaleOutJourney> sessions, List<String> holders,
			String accessToken) {
		try {
			if (!killTime.await(RUN_TIME_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
				return;
			}
			stack.kill("auth-server-1");
			stack.kill("resource-server-1");
			traffic.killed();
			for (int i = 0; i < sessions.size(); i++) {
				ScaleOutJourney session = sessions.get(i);
				String before = session.session();
				long started = System.nanoTime();
				String failure = null;
				String after = "?";
				try {
					after = session.callWhoAmI(accessToken);
				}
				catch (ScaleOutJourney.CleanFailure | AssertionError | RuntimeException ex) {
					failure = String.valueOf(ex.getMessage());
				}
				sessionsAfterKill.add(new SessionAfterKill(holders.get(i), after, !before.equals(session.session()),
						(System.nanoTime() - started) / 1e9, failure));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** name=requests(2xx/4xx/5xx)/status for every server line of HAProxy's CSV. */
	private static String perServerStats() {
		try {
			HttpResponse<String> csv = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(stack.statsCsv()).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString());
			List<String> header = List.of(csv.body().lines().findFirst().orElse("").replace("# ", "").split(","));
			Map<String, String> servers = new TreeMap<>();
			csv.body().lines().skip(1).map((line) -> line.split(",", -1)).filter((f) -> f[1].contains("-server-"))
				.forEach((f) -> servers.put(f[1], f[header.indexOf("req_tot")] + "(" + f[header.indexOf("hrsp_2xx")]
						+ "/" + f[header.indexOf("hrsp_4xx")] + "/" + f[header.indexOf("hrsp_5xx")] + ")/"
						+ f[header.indexOf("status")]));
			return servers.toString();
		}
		catch (Exception ex) {
			return "unavailable: " + ex;
		}
	}

	@AfterAll
	static void stopTheStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void everyJourneyCompletesWithinTheTimeLimit() {
		assertThat(finishedInTime).as("%d journeys within %s", JOURNEYS, RUN_TIME_LIMIT).isTrue();
		assertThat(completed.get()).isEqualTo(JOURNEYS);
	}

	@Test
	void noGrantIsLostEveryFailedAttemptFailedCleanlyAndSucceededOnRetry() {
		assertThat(lost).as("journeys that did not complete (%s); logs:%n%s", traffic, stack.logs()).isEmpty();
	}

	@Test
	void noResponseIsA500() {
		assertThat(traffic.serverErrors()).isEmpty();
		assertThat(traffic.status(500)).isZero();
	}

	@Test
	void bothReplicasOfEachServerServedTrafficAndTheSurvivorsTookOver() {
		for (String replica : List.of("auth-server-1", "auth-server-2", "resource-server-1", "resource-server-2")) {
			assertThat(traffic.served("before-kill", replica)).as("%s before the kill (%s)", replica, traffic)
				.isPositive();
		}
		assertThat(traffic.served("after-kill", "auth-server-2")).as(traffic::toString).isPositive();
		assertThat(traffic.served("after-kill", "resource-server-2")).as(traffic::toString).isPositive();
		// at most the answers already on their way when the signal arrived, one per worker
		assertThat(traffic.served("after-kill", "auth-server-1")).as(traffic::toString).isLessThanOrEqualTo(WORKERS);
		assertThat(traffic.served("after-kill", "resource-server-1")).as(traffic::toString)
			.isLessThanOrEqualTo(WORKERS);
		assertThat(proxyStats).contains("auth-server-1=", "auth-server-2=", "resource-server-1=", "resource-server-2=");
	}

	@Test
	void loginOnOneReplicaAndConsentOnTheOtherHappenedAndSucceeded() {
		// the login session (Spring Session JDBC) and the authorization request (JDBC authorization service) are
		// in PostgreSQL, so the replica that shows the consent page knows both
		assertThat(traffic.crossReplicaConsents()).as(traffic::toString).isPositive();
	}

	@Test
	void mcpSessionsStayOnTheReplicaThatCreatedThem() {
		assertThat(sticky).hasSize(LONG_LIVED_SESSIONS * 3).allSatisfy((route) -> {
			String[] replicas = route.split(" -> ");
			assertThat(replicas[1]).as(route).isEqualTo(replicas[0]);
		});
		assertThat(sticky).anySatisfy((route) -> assertThat(route).startsWith("resource-server-1"))
			.anySatisfy((route) -> assertThat(route).startsWith("resource-server-2"));
	}

	@Test
	void sessionsOfTheKilledMcpServerGet404AndReinitializeOthersContinue() {
		assertThat(sessionsAfterKill).hasSize(LONG_LIVED_SESSIONS).allSatisfy((session) -> {
			assertThat(session.failure()).as("%s", session).isNull();
			assertThat(session.after()).as("%s", session).isEqualTo("resource-server-2");
			assertThat(session.reinitialized()).as("%s", session)
				.isEqualTo(session.before().equals("resource-server-1"));
			assertThat(session.seconds()).as("%s: no hang", session).isLessThan(RECOVERY_TIME_LIMIT.toSeconds());
		});
		assertThat(traffic.recoveries()).isGreaterThanOrEqualTo(
				(int) sessionsAfterKill.stream().filter(SessionAfterKill::reinitialized).count());
	}

}
