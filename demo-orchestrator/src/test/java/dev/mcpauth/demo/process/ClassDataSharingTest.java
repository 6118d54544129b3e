package dev.mcpauth.demo.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataSharingTest {

	@TempDir
	Path temp;

	@Test
	void keepsThePlainJarWhileNothingWasPrepared() throws Exception {
		JavaCommand command = JavaCommand.fastStart(jar(), List.of("--server.port=0"));

		assertThat(new ClassDataSharing(this.temp.resolve("cds")).apply("svc", command)).isEqualTo(command);
		assertThat(ClassDataSharing.off().apply("svc", command)).isEqualTo(command);
	}

	@Test
	void usesTheExtractedJarAndArchivePreparedFromThisJar() throws Exception {
		Path jar = jar();
		Path cds = this.temp.resolve("cds");
		prepareByHand(cds, jar, "app.jsa");

		JavaCommand applied = new ClassDataSharing(cds, Runtime.Version.parse("17.0.15"))
			.apply("svc", JavaCommand.fastStart(jar, List.of("--x=1")));

		assertThat(applied.jar()).isEqualTo(cds.resolve("svc/app/svc-exec.jar"));
		assertThat(applied.jvmOptions()).containsSequence(JavaCommand.FAST_START)
			.contains("-XX:SharedArchiveFile=" + cds.resolve("svc/app.jsa"), "-Xlog:disable", "-Xlog:all=error:stderr");
		assertThat(applied.arguments()).containsExactly("--x=1");
	}

	@Test
	void usesTheAheadOfTimeCacheFromJava25On() throws Exception {
		Path jar = jar();
		Path cds = this.temp.resolve("cds");
		prepareByHand(cds, jar, "app.aot");

		JavaCommand applied = new ClassDataSharing(cds, Runtime.Version.parse("25.0.3"))
			.apply("svc", JavaCommand.fastStart(jar, List.of()));

		assertThat(applied.jar()).isEqualTo(cds.resolve("svc/app/svc-exec.jar"));
		assertThat(applied.jvmOptions()).contains("-XX:AOTCache=" + cds.resolve("svc/app.aot"))
			.noneMatch((option) -> option.startsWith("-XX:SharedArchiveFile="));
		assertThat(new ClassDataSharing(cds, Runtime.Version.parse("21.0.8")).apply("svc",
				JavaCommand.fastStart(jar, List.of()))
			.jvmOptions()).as("a Java 21 JVM has no app.jsa in this layout: plain start")
			.isEqualTo(JavaCommand.FAST_START);
	}

	@Test
	void ignoresAPreparationOfAnOlderBuildOfTheJar() throws Exception {
		Path jar = jar();
		Path cds = this.temp.resolve("cds");
		prepareByHand(cds, jar, "app.jsa");
		Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
		JavaCommand command = JavaCommand.fastStart(jar, List.of());

		assertThat(new ClassDataSharing(cds).apply("svc", command)).isEqualTo(command);
	}

	private Path jar() throws Exception {
		return Files.write(this.temp.resolve("svc-exec.jar"), new byte[] { 1, 2, 3 });
	}

	/** The files {@code prepare} leaves behind, without running a JVM. */
	private static void prepareByHand(Path cds, Path jar, String archive) throws Exception {
		Path dir = Files.createDirectories(cds.resolve("svc/app")).getParent();
		Files.write(dir.resolve("app/svc-exec.jar"), new byte[] { 1 });
		Files.write(dir.resolve(archive), new byte[] { 1 });
		Path absolute = jar.toAbsolutePath().normalize();
		Files.writeString(dir.resolve("source.stamp"), absolute + " " + Files.size(jar) + " "
				+ Files.getLastModifiedTime(jar).toMillis() + " " + System.getProperty("java.home") + " "
				+ Runtime.version());
	}

}
