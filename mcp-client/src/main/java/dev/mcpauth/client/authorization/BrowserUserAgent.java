package dev.mcpauth.client.authorization;

import java.awt.Desktop;
import java.net.URI;
import java.time.Duration;

import dev.mcpauth.client.trace.TracePrinter;

/**
 * The interactive user agent: opens the system browser on the authorization URL (or prints the URL where there is no
 * desktop) and waits for the redirect on the loopback listener.
 */
public final class BrowserUserAgent implements UserAgent {

	private final LoopbackCallbackListener listener = new LoopbackCallbackListener();

	private final Duration timeout;

	private final TracePrinter trace;

	public BrowserUserAgent(Duration timeout, TracePrinter trace) {
		this.timeout = timeout;
		this.trace = trace;
	}

	@Override
	public String redirectUri() {
		return this.listener.redirectUri();
	}

	@Override
	public URI authorize(URI authorizationUri) {
		if (!openBrowser(authorizationUri)) {
			// The URL holds no secret: the PKCE challenge and state are public by design.
			System.err.println("Open this URL in a browser to authorize the MCP client:");
			System.err.println(authorizationUri);
		}
		this.trace.detail("waiting for the browser at " + redirectUri());
		return this.listener.await(this.timeout);
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
	public void close() {
		this.listener.close();
	}

}
