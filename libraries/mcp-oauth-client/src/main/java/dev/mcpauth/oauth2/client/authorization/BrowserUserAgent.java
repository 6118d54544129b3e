package dev.mcpauth.oauth2.client.authorization;

import java.awt.Desktop;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;

import dev.mcpauth.oauth2.client.trace.AuthorizationTraceListener;

/**
 * The interactive user agent: opens the system browser on the authorization URL (or prints the URL where there is no
 * desktop) and waits for the redirect on the loopback listener.
 */
public final class BrowserUserAgent implements UserAgent {

	private LoopbackCallbackListener listener;

	private final Duration timeout;

	private final AuthorizationTraceListener trace;

	private final PrintStream prompt;

	/** @param prompt where to print the URL when no browser can be opened (stderr, so stdout stays the trace) */
	public BrowserUserAgent(Duration timeout, AuthorizationTraceListener trace, PrintStream prompt) {
		this.timeout = timeout;
		this.trace = trace;
		this.prompt = prompt;
	}

	@Override
	public String redirectUri() {
		return listener().redirectUri();
	}

	/** Bound on first use: a client that never needs to authorize never opens a port. */
	private synchronized LoopbackCallbackListener listener() {
		if (this.listener == null) {
			this.listener = new LoopbackCallbackListener();
		}
		return this.listener;
	}

	@Override
	public URI authorize(URI authorizationUri) {
		// The request's own state, read back from its URL: the listener takes only the redirect that carries it.
		LoopbackCallbackListener callback = listener();
		callback.expect(AuthorizationResponse.fromRedirect(authorizationUri).state());
		if (!openBrowser(authorizationUri)) {
			// The URL holds no secret: the PKCE challenge and state are public by design.
			this.prompt.println("Open this URL in a browser to authorize the MCP client:");
			this.prompt.println(authorizationUri);
			this.prompt.flush();
		}
		this.trace.detail("waiting for the browser at " + redirectUri());
		return callback.await(this.timeout);
	}

	private static boolean openBrowser(URI uri) {
		try {
			if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
					&& Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
				Desktop.getDesktop().browse(uri);
				return true;
			}
		}
		catch (Exception ex) {
			// fall back to printing the URL
		}
		return false;
	}

	@Override
	public synchronized void close() {
		if (this.listener != null) {
			this.listener.close();
			this.listener = null;
		}
	}

}
