package dev.mcpauth.demo.containers;

import java.nio.file.Path;

import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * A service image built from the module's own Dockerfile, as {@code docker build -f <module>/Dockerfile .} does:
 * the context holds exactly what the repository's .dockerignore lets in (the Dockerfile, the module's runnable
 * jar, docker/http-probe.sh) under the same relative paths, so the Dockerfile is used unchanged.
 *
 * @param module the Maven module, which is also the directory of its Dockerfile
 */
record ServiceImage(String module) {

	static final ServiceImage AUTH_SERVER = new ServiceImage("auth-server");

	static final ServiceImage RESOURCE_SERVER = new ServiceImage("resource-server");

	static final ServiceImage MCP_CLIENT = new ServiceImage("mcp-client");

	/**
	 * The image definition; Testcontainers builds it (legacy builder) when the first container needs it. The
	 * image stays after the run under a fixed tag, so the engine's layer cache makes the next build quick.
	 */
	@SuppressWarnings("deprecation") // withDockerfilePath: its successor takes the context from the Dockerfile's
	// directory (the module), while these Dockerfiles build from the repository root, as .dockerignore expects
	ImageFromDockerfile definition(RepositoryLayout layout) {
		String dockerfile = this.module + "/Dockerfile";
		Path jar = layout.execJar(this.module);
		ImageFromDockerfile image = new ImageFromDockerfile("mcpauth-it/" + this.module + ":latest", false)
			.withFileFromPath(dockerfile, layout.file(dockerfile))
			.withFileFromPath(layout.relative(jar), jar)
			.withFileFromPath("docker/http-probe.sh", layout.file("docker/http-probe.sh"))
			.withDockerfilePath(dockerfile)
			.withBuildArg("JAR_FILE", layout.relative(jar));
		String baseImage = System.getenv("BASE_IMAGE");
		return (baseImage == null || baseImage.isBlank()) ? image : image.withBuildArg("BASE_IMAGE", baseImage);
	}

}
