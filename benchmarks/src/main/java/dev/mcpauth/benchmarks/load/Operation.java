package dev.mcpauth.benchmarks.load;

/**
 * One timed unit of work of one worker (a request, or a whole OAuth flow). Implementations keep their own
 * connection and state; a worker's operation is only ever called from that worker's thread.
 */
@FunctionalInterface
public interface Operation extends AutoCloseable {

	/**
	 * Performs the operation once.
	 * @throws Exception if it failed; it counts as an error and is not timed
	 */
	void run() throws Exception;

	@Override
	default void close() {
	}

}
